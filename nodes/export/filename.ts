/** Fills an export filename template: {workflow} {node} {row} {n} {date}. No extension. */
export interface FilenameFields {
  workflow: string;
  node: string;
  row: number;
  n: number;
  date: Date;
}

export const FILENAME_TOKENS = ['{workflow}', '{node}', '{row}', '{n}', '{date}'] as const;

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

export function fillFilenameTemplate(template: string, fields: FilenameFields): string {
  const isoDate = fields.date.toISOString().slice(0, 10);
  const filled = template
    .replaceAll('{workflow}', fields.workflow)
    .replaceAll('{node}', fields.node)
    .replaceAll('{row}', String(fields.row))
    .replaceAll('{n}', String(fields.n))
    .replaceAll('{date}', isoDate);
  return safeFileStem(filled);
}
