/** What the level-by-level driver works with, shared by `peel run --batch-api` and `peel batch fetch`. */
import type { NodeCache } from '../../engine/cache';
import type { GeminiBatchClient } from '../../providers/gemini-batch';
import { DEFAULT_INLINE_LIMIT_BYTES } from '../../providers/gemini-batch';
import type { CliIO } from '../cli-io';
import {
  DEFAULT_MAX_JOB_BYTES,
  DEFAULT_MAX_OPEN_JOBS,
  DEFAULT_MAX_REQUESTS_PER_JOB,
  type JobLimits,
} from './split-jobs';
import type { BatchRunState } from './state';

export interface DriveContext {
  client: GeminiBatchClient;
  state: BatchRunState;
  cache: NodeCache;
  io: CliIO;
  poll: PollSettings;
  inlineLimitBytes: number;
  limits: JobLimits & { maxOpenJobs: number };
  creates: CreateSettings;
}

export interface CreateSettings {
  /** A create call gives up after this long (the job may exist all the same). */
  timeoutMs: number;
  /**
   * After a create's deadline, how long a job it may have made still gets to show up in the list
   * before the same requests are sent again (under the same display name).
   */
  settleMs: number;
}

export interface PollSettings {
  /** First wait between two reads of a job; doubles up to `maxMs`. */
  startMs: number;
  maxMs: number;
}

const positive = (text: string | undefined): number | undefined => {
  const n = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(n) && n > 0 ? n : undefined;
};

/**
 * Tunables from the environment (the CLI's flags are shared with normal runs):
 * PEEL_BATCH_POLL_MS (first poll wait, default 1000), PEEL_BATCH_POLL_MAX_MS (cap, default 60000),
 * PEEL_BATCH_INLINE_LIMIT_BYTES (default 20 MB; larger jobs upload a JSONL file),
 * PEEL_BATCH_MAX_REQUESTS_PER_JOB (default 500), PEEL_BATCH_MAX_JOB_BYTES (default 1.9 GB) and
 * PEEL_BATCH_MAX_OPEN_JOBS (default 100): how a large batch is split into jobs (split-jobs.ts);
 * PEEL_BATCH_CREATE_TIMEOUT_MS (default 300000) and PEEL_BATCH_CREATE_SETTLE_MS (default 60000):
 * how long a job create with no answer may still land at Google (intents.ts).
 */
export function settingsFromEnv(env: Record<string, string | undefined>): {
  poll: PollSettings;
  inlineLimitBytes: number;
  limits: DriveContext['limits'];
  creates: CreateSettings;
} {
  const maxMs = positive(env.PEEL_BATCH_POLL_MAX_MS) ?? 60_000;
  return {
    poll: { startMs: Math.min(positive(env.PEEL_BATCH_POLL_MS) ?? 1000, maxMs), maxMs },
    inlineLimitBytes: positive(env.PEEL_BATCH_INLINE_LIMIT_BYTES) ?? DEFAULT_INLINE_LIMIT_BYTES,
    limits: {
      maxRequests: Math.floor(positive(env.PEEL_BATCH_MAX_REQUESTS_PER_JOB) ?? DEFAULT_MAX_REQUESTS_PER_JOB),
      maxBytes: positive(env.PEEL_BATCH_MAX_JOB_BYTES) ?? DEFAULT_MAX_JOB_BYTES,
      maxOpenJobs: Math.floor(positive(env.PEEL_BATCH_MAX_OPEN_JOBS) ?? DEFAULT_MAX_OPEN_JOBS),
    },
    creates: {
      timeoutMs: positive(env.PEEL_BATCH_CREATE_TIMEOUT_MS) ?? 300_000,
      settleMs: positive(env.PEEL_BATCH_CREATE_SETTLE_MS) ?? 60_000,
    },
  };
}

/** How to pick the run up again after this process ends. */
export const resumeHint = (job: string, outDir: string): string =>
  `resume with the same command (nothing already sent is sent again), or: peel batch fetch ${job} --out ${/\s/.test(outDir) ? JSON.stringify(outDir) : outDir}`;
