import { err, ok, type PeelError, type Result } from '../engine/result';
import { type BatchRow, openBatchFile, readBatchItems } from './batch-source';

export type { BatchRow };

/**
 * Reads a whole batch file into memory (the Batch API path, which builds its jobs from every row).
 * Same formats, encodings and delimiters as the streamed `peel run --batch`.
 */
export async function readBatchFile(path: string): Promise<Result<BatchRow[], PeelError[]>> {
  const opened = await openBatchFile(path);
  if (!opened.ok) return opened;
  const rows: BatchRow[] = [];
  const errors: PeelError[] = [];
  for await (const item of readBatchItems(opened.value)) {
    if ('errors' in item) errors.push(...item.errors);
    else rows.push(item.values);
  }
  if (rows.length === 0 && errors.length === 0 && opened.value.format === 'csv') {
    return err([{ code: 'invalid_input', message: `${path}: the batch file is empty` }]);
  }
  return errors.length > 0 ? err(errors) : ok(rows);
}
