/**
 * Jobs whose create left no name in batch-state.json (the process died inside the call, or the
 * call had no answer) may exist at Google, or may still be landing there. Before any of their
 * requests is sent again they are looked up by display name (their idempotency marker, saved
 * before the create), and waited for while a create could still land. Only after that are they
 * sent again, under the same display name, so a late copy shows up as a second job of that name;
 * any second job of a name is cancelled before it is paid for.
 */
import { sleep } from '../../engine/abort';
import type { ProviderError } from '../../engine/provider';
import type { ListedJob } from '../../providers/gemini-batch';
import type { DriveContext } from './context';
import { type JobRecord, saveState } from './state';

export type IntentOutcome =
  | { kind: 'resolved' }
  | { kind: 'interrupted' }
  | { kind: 'error'; error: ProviderError };

/** Until when a create started at `createdAt` could still produce a job. */
export const landsBy = (job: JobRecord, context: DriveContext): number =>
  (Date.parse(job.createdAt) || 0) + context.creates.timeoutMs + context.creates.settleMs;

/**
 * Gives every intent a job name (found by display name) or marks it `not_created` once no create
 * of it can land any more. Returns when none is left undecided.
 */
export async function resolveIntents(intents: JobRecord[], context: DriveContext): Promise<IntentOutcome> {
  const { io, state } = context;
  let open = intents;
  let announced = false;
  // Each look reads every page of the list: the wait between looks doubles, as job polling does.
  let delay = context.poll.startMs;
  for (;;) {
    if (io.signal.aborted) return { kind: 'interrupted' };
    const listed = await context.client.listByDisplayName(new Set(open.map((job) => job.displayName)));
    if (!listed.ok) return { kind: 'error', error: listed.error };
    const undecided: JobRecord[] = [];
    for (const job of open) {
      const found = listed.value.get(job.displayName) ?? [];
      if (found.length > 0) await adopt(job, found, context);
      else if (Date.now() >= landsBy(job, context)) {
        job.state = 'not_created';
        io.stderr(
          `batch job ${job.displayName}: not found at Google; its requests are sent again under the same name`,
        );
      } else undecided.push(job);
    }
    await saveState(state);
    if (undecided.length === 0) return { kind: 'resolved' };
    const until = Math.max(...undecided.map((job) => landsBy(job, context)));
    if (!announced) {
      io.stderr(
        `waiting for ${undecided.length} batch job create${undecided.length === 1 ? '' : 's'} that may still land at Google (until ${new Date(until).toISOString()}) before sending ${undecided.length === 1 ? 'its' : 'their'} requests again`,
      );
      announced = true;
    }
    try {
      await sleep(Math.max(1, Math.min(delay, until - Date.now())), io.signal);
    } catch {
      return { kind: 'interrupted' };
    }
    delay = Math.min(delay * 2, context.poll.maxMs);
    open = undecided;
  }
}

/**
 * Looks for a second job under the display name of a job sent more than once (its first create
 * had no answer and may have landed late): any such copy is cancelled before it is paid for.
 */
export async function cancelLateCopies(jobs: JobRecord[], context: DriveContext): Promise<void> {
  const resent = jobs.filter((job) => job.name && (job.attempts ?? 1) > 1);
  if (resent.length === 0) return;
  const listed = await context.client.listByDisplayName(new Set(resent.map((job) => job.displayName)));
  if (!listed.ok) {
    context.io.stderr(
      `warning: could not check for late copies of re-sent batch jobs: ${listed.error.message}`,
    );
    return;
  }
  for (const job of resent) await cancelCopies(job, listed.value.get(job.displayName) ?? [], context);
  await saveState(context.state);
}

/** The oldest job of the name (not cancelled, if any is not) is this intent's; any other is a copy. */
async function adopt(job: JobRecord, found: ListedJob[], context: DriveContext): Promise<void> {
  const first = (found.find((one) => !/CANCELLED/.test(one.state)) ?? found[0]) as ListedJob;
  job.name = first.name;
  job.state = first.state;
  context.io.stderr(`batch job: ${job.name} (found by its display name ${job.displayName})`);
  await cancelCopies(job, found, context);
}

const FINISHED = /SUCCEEDED|FAILED|CANCELLED|EXPIRED/;

async function cancelCopies(job: JobRecord, found: ListedJob[], context: DriveContext): Promise<void> {
  const { io } = context;
  for (const copy of found) {
    if (copy.name === job.name || job.duplicates?.includes(copy.name)) continue;
    job.duplicates = [...(job.duplicates ?? []), copy.name];
    if (FINISHED.test(copy.state)) {
      io.stderr(
        `warning: batch job ${copy.name} repeats ${job.name} (same display name ${job.displayName}) and has already ended ${copy.state}`,
      );
      continue;
    }
    const cancelled = await context.client.cancel(copy.name);
    io.stderr(
      cancelled.ok
        ? `warning: batch job ${copy.name} repeats ${job.name} (same display name ${job.displayName}): cancelled, so its requests are not paid twice`
        : `error: batch job ${copy.name} repeats ${job.name} (same display name ${job.displayName}) and could not be cancelled (${cancelled.error.message}); cancel it in Google AI Studio`,
    );
  }
}
