import { importWorkflowBytes, MAX_IMPORT_IMAGE_BYTES } from '../engine/import';
import type { LoadedWorkflow } from '../engine/load';
import { err, type PeelError, type Result } from '../engine/result';
import { readUserFile } from './read-user-file';

/** Reads a workflow from a .json file or from an image that carries one. Errors name the file. */
export async function readWorkflowFile(path: string): Promise<Result<LoadedWorkflow, PeelError[]>> {
  const read = await readUserFile(path, {
    maxBytes: MAX_IMPORT_IMAGE_BYTES,
    describe: (reason) => `${path}: cannot read the file (${reason})`,
  });
  if (!read.ok) return err([read.error]);
  const bytes = read.value;
  const loaded = importWorkflowBytes(bytes);
  if (!loaded.ok) {
    return err(
      loaded.error.map(({ path: jsonPath, ...error }) => ({
        ...error,
        message: `${path}: ${jsonPath ? `${jsonPath}: ` : ''}${error.message}`,
      })),
    );
  }
  return loaded;
}
