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
}

export const FILENAME_TOKENS = ['{workflow}', '{node}', '{export}', '{row}', '{n}', '{date}'] as const;

/** Keeps names portable: no path separators, no control or reserved characters, no leading dots. */
export function safeFileStem(text: string): string {
  const withoutControl = [...text].map((char) => ((char.codePointAt(0) ?? 0) < 32 ? '-' : char)).join('');
  const cleaned = withoutControl
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 120);
  return cleaned === '' ? 'image' : cleaned;
}

/** A node's name for a file: its label when it has one (made file-safe), else its id. */
export function nodeFileName(node: { nodeId: string; label?: string }): string {
  const label = node.label?.trim();
  return label ? safeFileStem(label) : safeFileStem(node.nodeId);
}

export function fillFilenameTemplate(template: string, fields: FilenameFields): string {
  const isoDate = fields.date.toISOString().slice(0, 10);
  // One pass over the template, so a label that itself reads "{row}" stays text.
  const filled = template.replace(/\{(workflow|node|export|row|n|date)\}/g, (_, token: string) => {
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
      default:
        return isoDate;
    }
  });
  return safeFileStem(filled);
}
