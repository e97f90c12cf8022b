/**
 * Sends one level's pending model nodes as batch jobs: per model, split to fit the job limits
 * (split-jobs.ts). Each job is written to the state before it is created and its name right after,
 * so a later process finds it and never sends the same requests again.
 */
import { estimateCallUsd, roundUsd } from '../../engine/cost';
import { type ImageSize, modelInfo } from '../../engine/models';
import { type BatchRequest, buildBatchRequest } from '../../providers/gemini-batch';
import type { DriveContext } from './context';
import { requestKey } from './node-target';
import type { PendingNode } from './scan';
import { type PlannedJob, splitIntoJobs } from './split-jobs';
import { type JobRecord, jobDisplayName, type NodeOutcome, saveState } from './state';

const failed = (error: NodeOutcome['error'] & object, calls = 0, costUsd = 0): NodeOutcome => ({
  status: 'failed',
  calls,
  costUsd,
  error,
});

/** Batch-price estimate of a node's requests (for --max-cost and the opening line). */
export function estimateUsd(node: PendingNode): number | null {
  let usd = 0;
  for (const request of node.requests) {
    const historyImages = (request.history ?? []).reduce(
      (count, turn) => count + turn.parts.filter((part) => part.kind === 'image' && !part.thought).length,
      0,
    );
    const one = estimateCallUsd({
      model: request.model,
      imageSize: (modelInfo(request.model)?.imageSizes as readonly string[] | undefined)?.includes(
        request.imageSize ?? '',
      )
        ? (request.imageSize as ImageSize)
        : undefined,
      promptChars: request.prompt.length,
      inputImages: request.references.length + historyImages,
      batch: true,
    });
    if (one === null) return null;
    usd += one;
  }
  return usd;
}

export async function submitLevel(
  pending: PendingNode[],
  level: number,
  context: DriveContext,
): Promise<JobRecord[]> {
  const { state, io } = context;
  const byModel = new Map<string, { nodes: PendingNode[]; requests: BatchRequest[][] }>();
  const maxUsd = state.options.maxCostUsd;
  let committed = Object.values(state.nodes).reduce((sum, node) => sum + node.costUsd, 0);
  for (const node of pending) {
    const model = node.requests[0]?.model ?? '';
    const built: BatchRequest[] = [];
    for (const [index, request] of node.requests.entries()) {
      const one = buildBatchRequest(requestKey(node.cacheKey, index), request);
      if (!one.ok) {
        state.nodes[node.cacheKey] = failed({ code: one.error.code, message: one.error.message });
        break;
      }
      built.push(one.value);
    }
    if (state.nodes[node.cacheKey]) continue;
    if (maxUsd !== undefined) {
      const usd = estimateUsd(node);
      if (usd === null || committed + usd > maxUsd) {
        state.nodes[node.cacheKey] = failed({
          code: 'budget_exceeded',
          message: `not sent: this request (~$${(usd ?? 0).toFixed(4)} at batch price) would pass the $${maxUsd.toFixed(2)} budget`,
        });
        continue;
      }
      committed += usd;
    }
    const group = byModel.get(model) ?? { nodes: [], requests: [] };
    group.nodes.push(node);
    group.requests.push(built);
    byModel.set(model, group);
  }
  const records: JobRecord[] = [];
  // Google runs at most `maxOpenJobs` jobs of a project at once: the rest wait for a later pass.
  let room = context.limits.maxOpenJobs - openJobs(state.jobs);
  for (const [model, group] of byModel) {
    const planned = splitIntoJobs(
      group.nodes.map((node, index) => ({ owner: node, requests: group.requests[index] ?? [] })),
      context.limits,
    );
    for (const job of planned) {
      // Stopped, or no room: what is not sent yet stays pending, and a later pass or run sends it.
      if (io.signal.aborted || room <= 0) break;
      const keys = job.requests.map((request) => request.key);
      const record = await createJob(
        { level, model, displayName: jobDisplayName(state.runId, model, keys) },
        job,
        context,
      );
      room--;
      if (record) records.push(record);
    }
  }
  return records;
}

/** Jobs sent and not yet collected (they count against Google's concurrent-job limit). */
const openJobs = (jobs: readonly JobRecord[]): number =>
  jobs.filter((job) => job.name && !job.collected && !/SUCCEEDED|FAILED|CANCELLED|EXPIRED/.test(job.state))
    .length;

/** Creates of one job with no answer (and no job found after) before its nodes are failed. */
const MAX_CREATE_ATTEMPTS = 3;

/**
 * Creates one job. Its record (the intent, with its display name) is saved before the create call
 * and its name right after, so a process that dies in between leaves a record a later run finds
 * by display name (never resent). A create with no answer keeps the intent open: the job is
 * looked up by its display name (intents.ts) before its requests may be sent again, under the
 * same name. The same requests sent again reuse their record.
 */
async function createJob(
  id: { level: number; model: string; displayName: string },
  job: PlannedJob<PendingNode>,
  context: DriveContext,
): Promise<JobRecord | undefined> {
  const { state, io } = context;
  const earlier = state.jobs.find((one) => one.displayName === id.displayName && !one.name);
  if (earlier && (earlier.attempts ?? 1) >= MAX_CREATE_ATTEMPTS) {
    earlier.state = 'create_failed';
    const message = `${MAX_CREATE_ATTEMPTS} creates of batch job ${earlier.displayName} had no answer and no job of that name appeared at Google; not sent again (run the command again later to retry)`;
    for (const node of job.owners) state.nodes[node.cacheKey] = failed({ code: 'unavailable', message });
    await saveState(state);
    io.stderr(`error: ${message}`);
    return undefined;
  }
  const record: JobRecord = earlier ?? {
    ...id,
    requestCount: job.requests.length,
    keys: job.requests.map((request) => request.key),
    state: 'creating',
    createdAt: '',
  };
  record.state = 'creating';
  record.createdAt = new Date().toISOString();
  record.attempts = (record.attempts ?? 0) + 1;
  if (!earlier) state.jobs.push(record);
  await saveState(state);
  const created = await context.client.create({
    model: id.model,
    displayName: record.displayName,
    requests: job.requests,
    inlineLimitBytes: context.inlineLimitBytes,
    timeoutMs: context.creates.timeoutMs,
  });
  if (!created.ok && created.error.maybeCreated) {
    // Maybe created: the record stays `creating`, so these nodes wait for the lookup, not a resend.
    io.stderr(
      `warning: ${created.error.message}; the job may exist at Google all the same: looking for it by its display name ${record.displayName} before sending anything again`,
    );
    await saveState(state);
    return record;
  }
  if (!created.ok) {
    record.state = 'create_failed';
    for (const node of job.owners)
      state.nodes[node.cacheKey] = failed({ code: created.error.code, message: created.error.message });
    await saveState(state);
    io.stderr(`error: ${created.error.message}`);
    return undefined;
  }
  record.name = created.value.name;
  record.source = created.value.source;
  if (created.value.inputFile) record.inputFile = created.value.inputFile;
  record.state = 'JOB_STATE_PENDING';
  await saveState(state);
  io.stderr(
    `batch job: ${record.name} (${record.requestCount} request${record.requestCount === 1 ? '' : 's'}, model ${id.model}${record.source === 'file' ? `, input file ${record.inputFile}` : ''})`,
  );
  return record;
}

export const spentUsd = (nodes: Record<string, NodeOutcome>): number =>
  roundUsd(Object.values(nodes).reduce((sum, node) => sum + node.costUsd, 0));
