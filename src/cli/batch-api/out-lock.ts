/**
 * One process at a time sends and collects the --batch-api jobs of an OUT folder: two processes
 * reading the same batch-state.json would each send what the other has not saved yet.
 *
 * proper-lockfile takes `OUT/.peel-batch.lock` with an atomic mkdir and refreshes its mtime while
 * held; it is removed on exit (Ctrl+C too). A lock nobody refreshed for PEEL_BATCH_LOCK_STALE_MS
 * (default 10 s) is from a process that died (kill -9): the next run waits that long, then takes it.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { err, ok, type PeelError, peelError, type Result } from '../../engine/result';
import type { CliIO } from '../cli-io';

export const OUT_LOCK_NAME = '.peel-batch.lock';
const DEFAULT_STALE_MS = 10_000;
const RETRY_MS = 250;

export type ReleaseLock = () => Promise<void>;

export async function lockOutDir(outDir: string, io: CliIO): Promise<Result<ReleaseLock, PeelError>> {
  const given = Number(io.env.PEEL_BATCH_LOCK_STALE_MS);
  // proper-lockfile takes at least 2 s.
  const stale = Number.isFinite(given) && given >= 2000 ? given : DEFAULT_STALE_MS;
  const lockfilePath = join(outDir, OUT_LOCK_NAME);
  const options = {
    lockfilePath,
    realpath: false,
    stale,
    update: Math.max(1000, Math.floor(stale / 3)),
    onCompromised: () =>
      io.stderr(
        `warning: lost the lock ${lockfilePath} (this process stalled over ${stale / 1000} s); another peel process may now send jobs for ${outDir}`,
      ),
  };
  try {
    await mkdir(outDir, { recursive: true });
  } catch (cause) {
    return err(peelError('io', `${outDir}: cannot create the folder (${String(cause)})`));
  }
  const take = (retries: number) =>
    lockfile.lock(outDir, {
      ...options,
      retries: { retries, minTimeout: RETRY_MS, maxTimeout: RETRY_MS, factor: 1 },
    });
  try {
    return ok(wrap(await take(0)));
  } catch (cause) {
    if ((cause as { code?: unknown }).code !== 'ELOCKED')
      return err(peelError('io', `${lockfilePath}: cannot take the lock (${String(cause)})`));
  }
  // Held: by a live process (refused below), or by one that was killed (stale soon).
  io.stderr(
    `${outDir} is locked by another peel process (or one that just ended); waiting up to ${Math.ceil(stale / 1000) + 1} s`,
  );
  try {
    return ok(wrap(await take(Math.ceil(stale / RETRY_MS) + 4)));
  } catch (cause) {
    if ((cause as { code?: unknown }).code !== 'ELOCKED')
      return err(peelError('io', `${lockfilePath}: cannot take the lock (${String(cause)})`));
    return err(
      peelError(
        'invalid_input',
        `${outDir}: another peel process is sending or collecting batch jobs for this folder (${lockfilePath}); wait for it to finish, or choose another --out`,
      ),
    );
  }
}

const wrap =
  (release: () => Promise<void>): ReleaseLock =>
  () =>
    release().catch(() => undefined);
