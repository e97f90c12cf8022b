import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_NAME, journalLines } from './batch-journal';
import {
  failureItem,
  imageCards,
  type SheetMeta,
  type SheetRow,
  sheetEnd,
  sheetMiddle,
  sheetStart,
} from './contact-sheet-html';

export const CONTACT_SHEET_NAME = 'index.html';

async function* journalRows(path: string): AsyncGenerator<SheetRow> {
  for await (const { line } of journalLines(path)) {
    const row = line as unknown as SheetRow;
    if (Array.isArray(row.nodes) && typeof row.inputs === 'object' && row.inputs !== null) yield row;
  }
}

/**
 * Writes OUT/index.html from OUT/run.jsonl: every exported image as a lazy thumbnail with its row's
 * inputs, then every failed row with its reasons. Streamed in two passes over run.jsonl, so a
 * batch of any length is written in flat memory. Atomic: a temp file renamed into place.
 */
export async function writeContactSheet(
  outDir: string,
  meta: SheetMeta,
  rows: () => AsyncIterable<SheetRow> = () => journalRows(join(outDir, JOURNAL_NAME)),
): Promise<{ images: number; failures: number }> {
  const path = join(outDir, CONTACT_SHEET_NAME);
  const temp = join(outDir, `.${CONTACT_SHEET_NAME}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  const counts = { images: 0, failures: 0 };
  try {
    await handle.write(sheetStart(meta));
    for await (const row of rows()) {
      const cards = imageCards(row);
      if (cards === '') continue;
      counts.images += row.nodes.reduce((sum, node) => sum + node.files.length, 0);
      await handle.write(`${cards}\n`);
    }
    await handle.write(sheetMiddle);
    for await (const row of rows()) {
      if (row.status === 'ok') continue;
      counts.failures++;
      await handle.write(`${failureItem(row)}\n`);
    }
    await handle.write(sheetEnd(counts));
    await handle.close();
    await rename(temp, path);
    return counts;
  } catch (cause) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw cause;
  }
}
