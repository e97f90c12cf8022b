import { type PeelError, peelError } from '../../src/engine/result';

/**
 * Fills an export filename template: {workflow} {node} {export} {row} {n} {date}. No extension.
 * {node} names the node that produced the image (its label, else its id); {export} names the
 * Export node itself (what {node} meant before; files already written keep their names).
 */
export interface FilenameFields {
  workflow: string;
  /** The node that produced the image: its label when it has one, else its id. */
  node: string;
  /** The Export node: its label when it has one, else its id. */
  export: string;
  row: number;
  n: number;
  date: Date;
  /** The element index (from 1) of a mapped node's image; `n` otherwise. */
  i?: number;
  /** The text of the element's items (a list item, a file name), made a short file-safe slug. */
  item?: string;
}

export const FILENAME_TOKENS = [
  '{workflow}',
  '{node}',
  '{export}',
  '{row}',
  '{n}',
  '{date}',
  '{i}',
  '{item}',
] as const;

/** Longest `{item}` slug, in characters: a prompt-long item must leave room for the rest. */
export const ITEM_SLUG_CHARS = 40;

/** "A mug on a sunny beach!" -> "a-mug-on-a-sunny-beach": letters and digits of any script, cut short. */
export function itemSlug(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...slug].slice(0, ITEM_SLUG_CHARS).join('').replace(/-+$/, '');
  return cut === '' ? 'item' : cut;
}

/**
 * File systems limit a name to 255 bytes (ext4, APFS; NTFS counts 255 UTF-16 units, which 255
 * UTF-8 bytes never exceed). A stem keeps room for a clash suffix ("-12") and ".webp".
 */
export const MAX_STEM_BYTES = 200;

/** Device names Windows refuses as a file name, with any extension ("CON.png" included). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;

/** Bidi controls reorder how a name is displayed ("gpj.exe" shown as "exe.jpg"): removed outright. */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const utf8 = new TextEncoder();

/** The longest prefix of `text` within `maxBytes` of UTF-8, cut between code points. */
function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    const size = utf8.encode(char).length;
    if (bytes + size > maxBytes) break;
    bytes += size;
    out += char;
  }
  return out;
}

const isControl = (code: number): boolean => code < 32 || (code >= 0x7f && code <= 0x9f);

/**
 * Keeps names portable: no path separators, no control, bidi or reserved characters, no leading
 * dots, no trailing dots, at most MAX_STEM_BYTES of UTF-8, never a Windows device name.
 */
export function safeFileStem(text: string): string {
  const withoutControl = [...text.replace(BIDI_CONTROLS, '')]
    .map((char) => (isControl(char.codePointAt(0) ?? 0) ? '-' : char))
    .join('');
  const cleaned = truncateUtf8(
    withoutControl
      .replace(/[\\/:*?"<>|]+/g, '-')
      .replace(/\s+/g, '-')
      .replace(/^[.-]+/, ''),
    MAX_STEM_BYTES,
  ).replace(/\.+$/, '');
  if (cleaned === '') return 'image';
  // Windows reads "CON.anything" as the console device: the part before the first dot decides.
  return WINDOWS_RESERVED.test(cleaned.split('.')[0] ?? '') ? `_${cleaned}` : cleaned;
}

/** A node's name for a file: its label when it has one (made file-safe), else its id. */
export function nodeFileName(node: { nodeId: string; label?: string }): string {
  const label = node.label?.trim();
  return label ? safeFileStem(label) : safeFileStem(node.nodeId);
}

export function fillFilenameTemplate(template: string, fields: FilenameFields): string {
  const isoDate = fields.date.toISOString().slice(0, 10);
  // One pass over the template, so a label that itself reads "{row}" stays text.
  const filled = template.replace(/\{(workflow|node|export|row|n|date|i|item)\}/g, (_, token: string) => {
    switch (token) {
      case 'workflow':
        return fields.workflow;
      case 'node':
        return fields.node;
      case 'export':
        return fields.export;
      case 'row':
        return String(fields.row);
      case 'n':
        return String(fields.n);
      case 'i':
        return String(fields.i ?? fields.n);
      case 'item':
        return itemSlug(fields.item ?? '');
      default:
        return isoDate;
    }
  });
  return safeFileStem(filled);
}

/**
 * What a template would make the writer cut or rename, found before any call: text alone past
 * the byte limit (the tokens after it, such as {n}, would be cut off and files would clash), and
 * a Windows device name.
 */
export function filenameTemplateProblems(template: string): PeelError[] {
  const problems: PeelError[] = [];
  let literal = template;
  for (const token of FILENAME_TOKENS) literal = literal.replaceAll(token, '');
  const literalBytes = utf8.encode(literal.replace(BIDI_CONTROLS, '')).length;
  if (literalBytes > MAX_STEM_BYTES) {
    problems.push(
      peelError(
        'invalid_params',
        `the file name is ${literalBytes} bytes before its {tokens} are filled in; names are limited to ${MAX_STEM_BYTES} bytes (UTF-8: most accented letters take 2, Chinese or Japanese characters 3)`,
        { path: '.filename' },
      ),
    );
  }
  const stem = template.split('.')[0] ?? '';
  if (!FILENAME_TOKENS.some((token) => template.includes(token)) && WINDOWS_RESERVED.test(stem.trim())) {
    problems.push(
      peelError('invalid_params', `"${stem.trim()}" is a device name on Windows and cannot name a file`, {
        path: '.filename',
      }),
    );
  }
  return problems;
}
