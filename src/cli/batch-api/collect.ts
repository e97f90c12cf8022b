/**
 * Waits for a batch job (polling with exponential backoff), then turns its answers into node
 * outputs: each pending node's definition runs again with a `callModel` that answers from the
 * job, and the outputs go into the cache exactly as an online run would have put them.
 */
import { sleep } from '../../engine/abort';
import { addUsage, roundUsd, type Usage, ZERO_USAGE } from '../../engine/cost';
import type { ProviderError } from '../../engine/provider';
import { err, ok, type Result } from '../../engine/result';
import { type BatchItem, type JobSnapshot, mapBatchItem } from '../../providers/gemini-batch';
import { nodeHashBytes } from '../node-hash-bytes';
import type { DriveContext } from './context';
import { requestKey, runTarget } from './node-target';
import type { PendingNode } from './scan';
import { type JobRecord, type NodeOutcome, saveState } from './state';

/** Consecutive failed reads of a job before giving up for this process (the job itself goes on). */
const MAX_READ_FAILURES = 8;

export type WaitOutcome =
  | { kind: 'done'; snapshot: JobSnapshot }
  | { kind: 'interrupted' }
  | { kind: 'error'; error: ProviderError };

export async function waitForJob(name: string, context: DriveContext): Promise<WaitOutcome> {
  const { io, poll } = context;
  let delay = poll.startMs;
  let failures = 0;
  let lastState = '';
  for (;;) {
    if (io.signal.aborted) return { kind: 'interrupted' };
    const read = await context.client.get(name, io.signal);
    if (io.signal.aborted) return { kind: 'interrupted' };
    if (read.ok) {
      failures = 0;
      const snap = read.value;
      if (snap.state !== lastState) {
        const { requestCount, successful, failed } = snap.counts;
        const counts =
          requestCount !== undefined
            ? ` (${(successful ?? 0) + (failed ?? 0)}/${requestCount} answered)`
            : '';
        io.stderr(`batch job ${name}: ${snap.state}${counts}`);
        lastState = snap.state;
      }
      if (snap.done) return { kind: 'done', snapshot: snap };
    } else if (!read.error.retryable || ++failures >= MAX_READ_FAILURES) {
      return { kind: 'error', error: read.error };
    }
    try {
      await sleep(delay, io.signal);
    } catch {
      return { kind: 'interrupted' };
    }
    delay = Math.min(delay * 2, poll.maxMs);
  }
}

async function answersOf(
  snapshot: JobSnapshot,
  context: DriveContext,
): Promise<Result<Map<string, BatchItem>, ProviderError>> {
  if (snapshot.inlined) return ok(snapshot.inlined);
  if (snapshot.responsesFile) return context.client.readResponsesFile(snapshot.responsesFile);
  return err({ code: 'bad_response', message: `batch job ${snapshot.name} finished without answers` });
}

/** Runs the node again with the job's answers; stores the outputs, returns what it got. */
async function applyAnswers(
  node: PendingNode,
  answers: Map<string, BatchItem>,
  job: string,
  context: DriveContext,
): Promise<NodeOutcome> {
  let usage: Usage = ZERO_USAGE;
  let costUsd = 0;
  let calls = 0;
  const result = await runTarget(node.target, async (request) => {
    const mapped = await mapBatchItem(
      answers.get(requestKey(node.cacheKey, calls++)),
      request,
      job,
      nodeHashBytes,
    );
    const billed = mapped.ok ? mapped.value : mapped.error;
    if (billed.usage) usage = addUsage(usage, billed.usage);
    costUsd += billed.costUsd ?? 0;
    return mapped;
  });
  const base = { calls, costUsd: roundUsd(costUsd), usage, job };
  if (!result.ok)
    return { status: 'failed', ...base, error: { code: result.error.code, message: result.error.message } };
  await context.cache.set(node.cacheKey, {
    outputs: result.value.outputs,
    usage,
    costUsd: base.costUsd,
    provider: 'gemini',
    createdAt: Date.now(),
  });
  return { status: 'ok', ...base };
}

/**
 * Collects one job for the pending nodes it answers. Returns 'interrupted' when the user stopped
 * waiting, or an error when the job cannot be read now (the state is kept either way).
 */
export async function collectJob(
  record: JobRecord,
  pending: PendingNode[],
  context: DriveContext,
): Promise<'collected' | 'interrupted' | ProviderError> {
  const { state } = context;
  const name = record.name as string;
  const waited = await waitForJob(name, context);
  if (waited.kind === 'interrupted') return 'interrupted';
  if (waited.kind === 'error') return waited.error;
  const snapshot = waited.snapshot;
  record.state = snapshot.state;
  const answers = snapshot.succeeded ? await answersOf(snapshot, context) : undefined;
  if (answers && !answers.ok) return answers.error;
  for (const node of pending) {
    if (!answers) {
      state.nodes[node.cacheKey] = {
        status: 'failed',
        calls: node.requests.length,
        costUsd: 0,
        job: name,
        error: {
          code: 'bad_response',
          message: `batch job ${name} ended ${snapshot.state}${snapshot.error ? `: ${snapshot.error}` : ''}`,
        },
      };
      continue;
    }
    state.nodes[node.cacheKey] = await applyAnswers(node, answers.value, name, context);
  }
  record.collected = true;
  await saveState(state);
  return 'collected';
}
