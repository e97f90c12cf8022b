import { parseCsv } from '../engine/csv';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import { readUserFile, USER_FILE_LIMITS } from './read-user-file';

export { parseCsv };

export type BatchRow = Record<string, string | string[]>;

/**
 * A row without a prototype: a column named "__proto__" is then an ordinary key (refused later as
 * an unknown input) instead of being swallowed by the object's prototype setter.
 */
const newBatchRow = (): BatchRow => Object.create(null) as BatchRow;

/** Reads a batch file: CSV with a header of input names, or JSONL with one object per line. */
export async function readBatchFile(path: string): Promise<Result<BatchRow[], PeelError[]>> {
  const read = await readUserFile(path, {
    maxBytes: USER_FILE_LIMITS.batch,
    describe: (reason) => `${path}: cannot read the batch file (${reason})`,
  });
  if (!read.ok) return err([read.error]);
  const text = new TextDecoder().decode(read.value);
  if (/\.(jsonl|ndjson)$/i.test(path)) return parseJsonl(text, path);
  const [header, ...lines] = parseCsv(text);
  if (!header) return err([peelError('invalid_input', `${path}: the batch file is empty`)]);
  const names = header.map((name) => name.trim());
  const errors: PeelError[] = [];
  const rows = lines.map((cells, index) => {
    if (cells.length !== names.length) {
      errors.push(
        peelError(
          'invalid_input',
          `${path}: row ${index + 1} has ${cells.length} fields; the header has ${names.length}`,
        ),
      );
    }
    const row = newBatchRow();
    names.forEach((name, column) => {
      row[name] = cells[column] ?? '';
    });
    return row;
  });
  return errors.length > 0 ? err(errors) : ok(rows);
}

function parseJsonl(text: string, path: string): Result<BatchRow[], PeelError[]> {
  const rows: BatchRow[] = [];
  const errors: PeelError[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new Error('not an object');
      const row = newBatchRow();
      for (const [key, field] of Object.entries(value)) {
        if (typeof field === 'string') row[key] = field;
        else if (Array.isArray(field) && field.every((item) => typeof item === 'string'))
          row[key] = field as string[];
        else throw new Error(`"${key}" must be text or a list of image paths`);
      }
      rows.push(row);
    } catch (cause) {
      errors.push(
        peelError(
          'invalid_input',
          `${path}: line ${index + 1}: ${cause instanceof Error ? cause.message : String(cause)}`,
        ),
      );
    }
  });
  return errors.length > 0 ? err(errors) : ok(rows);
}
