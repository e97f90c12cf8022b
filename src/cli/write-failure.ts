/** A file a run could not write: which row and node made it, its name, and why it failed. */
export interface WriteFailure {
  row?: number;
  node: string;
  file: string;
  reason: string;
}

const REASON_BY_CODE: Record<string, string> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the file name is too long for the file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  EISDIR: 'a folder has that name',
  ENOTDIR: 'a part of the output path is a file, not a folder',
  EEXIST: 'a file is in the way of the output folder',
  EIO: 'the disk reported an input/output error',
};

/** Why a write failed, in words a user can act on, keeping the system's code for searching. */
export function describeWriteError(cause: unknown): string {
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') {
    const reason = REASON_BY_CODE[code];
    if (reason) return `${reason} (${code})`;
  }
  return cause instanceof Error ? cause.message : String(cause);
}

export const describeWriteFailure = (failure: WriteFailure): string =>
  `${failure.row !== undefined ? `row ${failure.row}, ` : ''}node ${failure.node}: could not write ${failure.file}: ${failure.reason}`;
