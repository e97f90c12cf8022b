import type { CliArgs } from '../args';
import { type CliIO, EXIT } from '../cli-io';

export async function batchCommand(_args: CliArgs, io: CliIO): Promise<number> {
  io.stderr('error: Gemini Batch API jobs are not available in this build yet');
  return EXIT.invalid;
}
