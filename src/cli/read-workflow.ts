import { readFile, stat } from 'node:fs/promises';
import { importWorkflowBytes, MAX_IMPORT_IMAGE_BYTES } from '../engine/import';
import type { LoadedWorkflow } from '../engine/load';
import { err, type PeelError, peelError, type Result } from '../engine/result';

/** Reads a workflow from a .json file or from an image that carries one. Errors name the file. */
export async function readWorkflowFile(path: string): Promise<Result<LoadedWorkflow, PeelError[]>> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (info.size > MAX_IMPORT_IMAGE_BYTES) {
      return err([
        peelError(
          'invalid_json',
          `${path}: the file is ${(info.size / 1024 / 1024).toFixed(1)} MB; too large to be a workflow`,
        ),
      ]);
    }
    bytes = new Uint8Array(await readFile(path));
  } catch (cause) {
    const code = (cause as { code?: string }).code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(cause);
    return err([peelError('io', `${path}: cannot read the file (${reason})`)]);
  }
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
