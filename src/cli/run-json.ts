import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import type { CliIO } from './cli-io';
import { redactedJson, secretsOf } from './run-context';
import { describeWriteError } from './write-failure';

/**
 * Writes OUT/run.json. A disk that is full or a path that is in the way is reported (the caller
 * exits 1), never a crash: the images already written stay where they are.
 */
export async function writeRunJson(outDir: string, record: unknown, io: CliIO): Promise<boolean> {
  const path = join(outDir, 'run.json');
  try {
    await mkdir(outDir, { recursive: true });
    // A key pasted into a CSV cell or echoed by a server must not land on disk.
    await writeFileAtomic(path, redactedJson(record, secretsOf(io.env)));
    return true;
  } catch (cause) {
    io.stderr(`error: could not write ${path}: ${describeWriteError(cause)}`);
    return false;
  }
}
