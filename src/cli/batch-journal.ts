import { createReadStream } from 'node:fs';
import { type FileHandle, mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

/** What a finished row leaves in OUT/run.jsonl: enough to resume, review and build the contact sheet. */
export interface JournalLine {
  row: number;
  /** Hash of the row's prepared workflow and the command's node options: the same row, run again, has it. */
  key: string;
  status: string;
}

export const JOURNAL_NAME = 'run.jsonl';

/**
 * OUT/run.jsonl, one line per finished row, appended as rows finish. Each line goes out in one
 * write and is cut back if the write comes up short (disk full), so a kill or a crash leaves whole
 * lines only. Records leave memory as soon as their line is written.
 */
export class RowJournal {
  private tail: Promise<unknown> = Promise.resolve();
  private size: number;

  private constructor(
    private readonly handle: FileHandle,
    size: number,
  ) {
    this.size = size;
  }

  static async open(outDir: string): Promise<RowJournal> {
    await mkdir(outDir, { recursive: true });
    const handle = await open(join(outDir, JOURNAL_NAME), 'a');
    const { size } = await handle.stat();
    return new RowJournal(handle, size);
  }

  /** Appends one line; lines are written in the order they are asked for, never interleaved. */
  append(record: JournalLine & Record<string, unknown>): Promise<void> {
    const bytes = new TextEncoder().encode(`${JSON.stringify(record)}\n`);
    const write = this.tail.then(async () => {
      const { bytesWritten } = await this.handle.write(bytes, 0, bytes.length, null);
      if (bytesWritten !== bytes.length) {
        await this.handle.truncate(this.size);
        throw new Error(
          `wrote ${bytesWritten} of ${bytes.length} bytes of a run.jsonl line; the line was removed`,
        );
      }
      this.size += bytes.length;
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle.close();
  }
}

/** Each whole line of a run.jsonl (a partial last line, from a crash mid-write, is not one). */
export async function* journalLines(path: string): AsyncGenerator<{ text: string; line: JournalLine }> {
  let stream: ReturnType<typeof createReadStream>;
  try {
    stream = createReadStream(path, { encoding: 'utf8' });
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  } catch {
    return;
  }
  for await (const text of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    const line = parseJournalLine(text);
    if (line) yield { text, line };
  }
}

function parseJournalLine(text: string): JournalLine | undefined {
  try {
    const value = JSON.parse(text) as Partial<JournalLine>;
    if (typeof value.row === 'number' && typeof value.key === 'string' && typeof value.status === 'string')
      return value as JournalLine;
  } catch {
    // A cut line or stray text: not a finished row.
  }
  return undefined;
}

/** Finished rows (status ok) recorded in OUT/run.jsonl: row number to the key it was run with. */
export async function finishedRows(outDir: string): Promise<Map<number, string>> {
  const done = new Map<number, string>();
  for await (const { line } of journalLines(join(outDir, JOURNAL_NAME)))
    if (line.status === 'ok') done.set(line.row, line.key);
  return done;
}

/**
 * Rewrites run.jsonl keeping one line for each row in `keep` (rows that will not run again), so
 * rows that run again are not listed twice. Atomic: a temp file renamed over the old one.
 */
export async function keepJournalRows(outDir: string, keep: ReadonlySet<number>): Promise<void> {
  const path = join(outDir, JOURNAL_NAME);
  const temp = join(dirname(path), `.${JOURNAL_NAME}.${process.pid}.tmp`);
  const handle = await open(temp, 'w');
  const written = new Set<number>();
  try {
    for await (const { text, line } of journalLines(path)) {
      if (!keep.has(line.row) || written.has(line.row)) continue;
      written.add(line.row);
      await handle.write(`${text}\n`);
    }
    await handle.close();
    await rename(temp, path);
  } catch (cause) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw cause;
  }
}
