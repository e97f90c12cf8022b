import {
  type ExposedInput,
  type InputValue,
  parseIndexInput,
  parseSettingsInput,
} from '../../../engine/inputs';
import { parseCsv } from '../../../engine/spreadsheet/parse';
import type { AssetRef } from '../../../engine/workflow';
import { acceptImageFile, type UploadResult } from '../../images/upload';

/** A CSV batch: the header names exposed inputs; each row is one run. */
export interface BatchTable {
  columns: string[];
  rows: string[][];
}

export const MAX_BATCH_ROWS = 1000;
export const MAX_CSV_BYTES = 5 * 1024 * 1024;

/** Parses and checks a batch CSV against the workflow's inputs; problems are readable lines. */
export function readBatchCsv(
  text: string,
  inputs: readonly ExposedInput[],
): { ok: true; table: BatchTable } | { ok: false; problems: string[] } {
  if (text.length > MAX_CSV_BYTES) return { ok: false, problems: ['the CSV is larger than 5 MB'] };
  const [header, ...rows] = parseCsv(text);
  if (!header) return { ok: false, problems: ['the CSV is empty: its first line must name the inputs'] };
  const columns = header.map((name) => name.trim());
  const problems: string[] = [];
  const known = new Set(inputs.map((input) => input.name));
  const unknown = columns.filter((column) => !known.has(column));
  if (unknown.length > 0) {
    const available = [...known].join(', ') || 'nothing';
    problems.push(
      `column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} match${unknown.length > 1 ? '' : 'es'} no exposed input; this workflow exposes: ${available}`,
    );
  }
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push(`column "${column}" appears twice`);
    seen.add(column);
  }
  if (rows.length === 0) problems.push('the CSV has a header but no rows');
  if (rows.length > MAX_BATCH_ROWS)
    problems.push(`the CSV has ${rows.length} rows; the limit is ${MAX_BATCH_ROWS}`);
  rows.forEach((cells, index) => {
    if (cells.length !== columns.length)
      problems.push(`row ${index + 1} has ${cells.length} fields; the header has ${columns.length}`);
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, table: { columns, rows } };
}

/** Picked image files, found by name (or by their path inside a picked folder). */
export class ImageFiles {
  private readonly byName = new Map<string, File>();
  private readonly accepted = new WeakMap<File, Promise<UploadResult>>();

  constructor(files: readonly File[] = []) {
    for (const file of files) {
      const relative = (file as File & { webkitRelativePath?: string }).webkitRelativePath ?? '';
      if (relative !== '') {
        this.byName.set(relative, file);
        this.byName.set(relative.split('/').slice(1).join('/'), file);
      }
      if (!this.byName.has(file.name)) this.byName.set(file.name, file);
    }
  }

  get size(): number {
    return new Set(this.byName.values()).size;
  }

  find(name: string): File | undefined {
    const cleaned = name.trim().replace(/^\.\//, '').replace(/\\/g, '/');
    const exact = this.byName.get(cleaned) ?? this.byName.get(cleaned.split('/').pop() ?? cleaned);
    if (exact) return exact;
    const lower = cleaned.toLowerCase();
    for (const [key, file] of this.byName) if (key.toLowerCase() === lower) return file;
    return undefined;
  }

  /** Each file is read and checked once, however many rows name it. */
  accept(file: File): Promise<UploadResult> {
    let pending = this.accepted.get(file);
    if (!pending) {
      pending = acceptImageFile(file);
      this.accepted.set(file, pending);
    }
    return pending;
  }
}

/**
 * One row's input values. An empty cell keeps the workflow's own value; a reference-set cell
 * lists image file names separated by commas, each found among the picked files.
 */
export async function rowValues(
  table: BatchTable,
  cells: readonly string[],
  inputs: readonly ExposedInput[],
  files: ImageFiles,
): Promise<{ values: Record<string, InputValue>; problems: string[] }> {
  const byName = new Map(inputs.map((input) => [input.name, input]));
  const values: Record<string, InputValue> = {};
  const problems: string[] = [];
  for (const [index, column] of table.columns.entries()) {
    const input = byName.get(column);
    const cell = cells[index] ?? '';
    if (!input || cell.trim() === '') continue;
    if (input.kind === 'text') {
      values[column] = { kind: 'text', text: cell };
      continue;
    }
    if (input.kind === 'settings') {
      const settings = parseSettingsInput(column, cell);
      if (settings.ok) values[column] = settings.value;
      else problems.push(settings.error.message);
      continue;
    }
    if (input.kind === 'index') {
      const index = parseIndexInput(column, cell);
      if (index.ok) values[column] = index.value;
      else problems.push(index.error.message);
      continue;
    }
    const images: AssetRef[] = [];
    for (const name of cell
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part !== '')) {
      const file = files.find(name);
      if (!file) {
        problems.push(`"${name}" (column ${column}) is not among the picked image files`);
        continue;
      }
      const accepted = await files.accept(file);
      if (accepted.ok) images.push({ ...accepted.ref, name: file.name });
      else problems.push(accepted.message);
    }
    if (images.length > 0) values[column] = { kind: 'images', images };
  }
  return { values, problems };
}
