import { randomBytes } from 'node:crypto';
import { link, open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const tempPathFor = (path: string) =>
  join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);

/** Writes via a temp file and a rename, so a reader or a crash never sees half a file. */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  const temp = tempPathFor(path);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (cause) {
    await rm(temp, { force: true });
    throw cause;
  }
}

/**
 * Writes `data` completely to a temp file in `directory`, hands its path to `use` (which may
 * publish it under one or more candidate names with `publishExclusive`), then removes it.
 */
export async function withTempFile<T>(
  directory: string,
  hint: string,
  data: Uint8Array,
  use: (temp: string) => Promise<T>,
): Promise<T> {
  const temp = tempPathFor(join(directory, hint));
  try {
    await writeFile(temp, data);
    return await use(temp);
  } finally {
    await rm(temp, { force: true });
  }
}

const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK']);
const codeOf = (cause: unknown) => (cause as { code?: unknown } | null)?.code;

/**
 * Publishes the complete temp file at `path` only if no file is there: never replaces one,
 * whoever wrote it (another `peel run` on the same folder included). A hard link is atomic and
 * exclusive, so the file appears whole or not at all; where the filesystem has no hard links,
 * the name is claimed with an exclusive create and the temp file renamed over the claim.
 */
export async function publishExclusive(
  temp: string,
  path: string,
  /** Test seam: a filesystem without hard links answers EPERM / ENOTSUP here. */
  hardLink: (existing: string, created: string) => Promise<void> = link,
): Promise<'published' | 'taken'> {
  try {
    await hardLink(temp, path);
    return 'published';
  } catch (cause) {
    if (codeOf(cause) === 'EEXIST') return 'taken';
    if (!NO_HARD_LINKS.has(codeOf(cause) as string)) throw cause;
  }
  try {
    await (await open(path, 'wx')).close();
  } catch (cause) {
    if (codeOf(cause) === 'EEXIST') return 'taken';
    throw cause;
  }
  await rename(temp, path);
  return 'published';
}
