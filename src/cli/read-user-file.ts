import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { formatByteSize } from '../engine/image/limits';
import { err, ok, type PeelError, peelError, type Result } from '../engine/result';

/** Size limits for files a user names on the command line or in a batch cell. */
export const USER_FILE_LIMITS = {
  /** Reference images: Gemini takes 7 MB inline; the exact check (with its advice) comes after. */
  image: 32 * 1024 * 1024,
  /** Batch files: tens of thousands of rows fit easily. */
  batch: 256 * 1024 * 1024,
} as const;

export interface UserFileOptions {
  maxBytes: number;
  /** The message for a file that cannot be used, given the reason ("no such file", "it is a device, ..."). */
  describe: (reason: string) => string;
}

/** What a path that is not a regular file is, for messages. */
export function fileKindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Why a file a user named is refused before reading it: not a regular file, or over the limit. */
export function refusalOf(info: import('node:fs').Stats, maxBytes: number): string | undefined {
  if (!info.isFile()) return `it is ${fileKindOf(info)}, not a regular file`;
  if (info.size > maxBytes)
    return `it is ${formatByteSize(info.size)}; the limit is ${formatByteSize(maxBytes, true)}`;
  return undefined;
}

/**
 * Reads a file a user named, only if it is a regular file under `maxBytes`. `/dev/zero` would
 * otherwise grow to gigabytes and a FIFO would hang forever: the file is opened without blocking
 * (a FIFO opens at once), checked with fstat on that same descriptor (no swap between check and
 * read), and read no further than the limit even if it grows meanwhile.
 */
export async function readUserFile(
  path: string,
  options: UserFileOptions,
): Promise<Result<Uint8Array, PeelError>> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const info = await handle.stat();
    if (!info.isFile()) {
      const kind = fileKindOf(info);
      return err(peelError('io', options.describe(`it is ${kind}, not a regular file`)));
    }
    if (info.size > options.maxBytes)
      return err(
        peelError(
          'io',
          options.describe(
            `it is ${formatByteSize(info.size)}; the limit is ${formatByteSize(options.maxBytes, true)}`,
          ),
        ),
      );
    const buffer = Buffer.alloc(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    // The file grew after fstat: refuse rather than read a moving target past the limit.
    if (filled > info.size) return err(peelError('io', options.describe('it changed while it was read')));
    return ok(new Uint8Array(buffer.buffer, buffer.byteOffset, filled));
  } catch (cause) {
    return err(peelError('io', options.describe(reasonOf(cause))));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

function reasonOf(cause: unknown): string {
  const code = (cause as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder';
  return cause instanceof Error ? cause.message : String(cause);
}
