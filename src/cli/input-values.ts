import { isAbsolute, resolve } from 'node:path';
import type { MemoryAssetStore } from '../engine/assets';
import { formatByteSize } from '../engine/image/limits';
import { checkImageLimits, sniffImage } from '../engine/image/sniff';
import {
  type ExposedInput,
  exposedInputs,
  type InputValue,
  parseIndexInput,
  parseSettingsInput,
  unknownInputError,
} from '../engine/inputs';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';
import type { AssetRef, Workflow } from '../engine/workflow';
import { readUserFile, USER_FILE_LIMITS } from './read-user-file';

/** Per inline image limit of the Gemini API; the CLI refuses bigger files instead of resizing. */
const MAX_INLINE_IMAGE_BYTES = 7 * 1024 * 1024;

/** Reads a reference image, checked by its bytes; errors name the file. */
export async function readImageInput(path: string, assets: MemoryAssetStore): Promise<Result<AssetRef>> {
  const read = await readUserFile(path, {
    maxBytes: USER_FILE_LIMITS.image,
    describe: (reason) => `cannot read image ${path} (${reason})`,
  });
  if (!read.ok) return read;
  const bytes = read.value;
  const sniffed = sniffImage(bytes);
  if (!sniffed.ok) return err(peelError('image_invalid', `${path}: ${sniffed.error.message}`));
  const limits = checkImageLimits(sniffed.value, bytes.length, { maxBytes: MAX_INLINE_IMAGE_BYTES });
  if (!limits.ok) {
    return err(
      peelError(
        'image_too_large',
        `${path}: ${limits.error.message} (${formatByteSize(bytes.length)}); Gemini takes at most 7 MB per image, so resize it first`,
      ),
    );
  }
  const image = assets.put(bytes, sniffed.value.mimeType);
  const name = path.split(/[\\/]/).pop() ?? path;
  return ok({ name, mimeType: image.mimeType, hash: image.hash });
}

/**
 * Turns NAME=VALUE strings into engine input values: text for prompts, comma-separated image
 * paths (relative to `baseDir`) for reference sets, a number from 1 for a Pick's index. Unknown
 * names are errors naming what exists.
 */
export async function resolveInputValues(
  workflow: Workflow,
  raw: Record<string, string | string[]>,
  assets: MemoryAssetStore,
  baseDir: string,
): Promise<Result<Record<string, InputValue>, PeelError[]>> {
  const exposed = new Map<string, ExposedInput>(exposedInputs(workflow).map((input) => [input.name, input]));
  // No prototype: every name is an own key, whatever it is called.
  const values = Object.create(null) as Record<string, InputValue>;
  const errors: PeelError[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const input = exposed.get(name);
    if (!input) {
      errors.push(unknownInputError(name, [...exposed.keys()]));
      continue;
    }
    if (input.kind === 'text') {
      values[name] = { kind: 'text', text: Array.isArray(value) ? value.join(', ') : value };
      continue;
    }
    if (input.kind === 'settings') {
      const settings = parseSettingsInput(name, Array.isArray(value) ? value.join(',') : value);
      if (settings.ok) values[name] = settings.value;
      else errors.push(settings.error);
      continue;
    }
    if (input.kind === 'index') {
      const index = parseIndexInput(name, Array.isArray(value) ? value.join(',') : value);
      if (index.ok) values[name] = index.value;
      else errors.push(index.error);
      continue;
    }
    const paths = (Array.isArray(value) ? value : value.split(','))
      .map((p) => p.trim())
      .filter((p) => p !== '');
    if (paths.length === 0) {
      errors.push(peelError('invalid_input', `input "${name}" needs at least one image path`));
      continue;
    }
    const images: AssetRef[] = [];
    for (const path of paths) {
      const read = await readImageInput(isAbsolute(path) ? path : resolve(baseDir, path), assets);
      if (read.ok) images.push(read.value);
      else errors.push(read.error);
    }
    values[name] = { kind: 'images', images };
  }
  return errors.length > 0 ? err(errors) : ok(values);
}
