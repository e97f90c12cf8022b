import { readFile, stat } from 'node:fs/promises';
import { extractWorkflowText } from '../engine/image/embedded-workflow';
import { sniffImage } from '../engine/image/sniff';
import { DEFAULT_MAX_FILE_BYTES, type LoadedWorkflow, parseWorkflowText } from '../engine/load';
import { err, type PeelError, peelError, type Result } from '../engine/result';

/** Reads a workflow from a .json file or from an image that carries one. Errors name the file. */
export async function readWorkflowFile(path: string): Promise<Result<LoadedWorkflow, PeelError[]>> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    // Images may carry embedded reference images, so they get more room than a JSON file.
    if (info.size > DEFAULT_MAX_FILE_BYTES * 2) {
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
  const sniffed = sniffImage(bytes);
  let text: string;
  if (sniffed.ok) {
    const extracted = extractWorkflowText(bytes);
    if (!extracted.ok) return err([peelError('invalid_format', `${path}: ${extracted.error.message}`)]);
    if (extracted.value === null) {
      return err([
        peelError('invalid_format', `${path}: this ${sniffed.value.mimeType} image carries no Peel workflow`),
      ]);
    }
    text = extracted.value;
  } else {
    text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  }
  const loaded = parseWorkflowText(text);
  if (!loaded.ok) {
    return err(
      loaded.error.map((error) => ({
        ...error,
        message: `${path}: ${error.path ? `${error.path}: ` : ''}${error.message}`,
        path: undefined,
      })) as PeelError[],
    );
  }
  return loaded;
}
