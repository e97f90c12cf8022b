import type { RunArgs } from '../args';
import { type CliIO, EXIT } from '../cli-io';

export async function runBatchApi(_args: RunArgs, io: CliIO): Promise<number> {
  io.stderr('error: --batch-api is not available in this build yet; run the batch without it');
  return EXIT.invalid;
}
