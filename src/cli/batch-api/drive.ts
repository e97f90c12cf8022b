/**
 * Level by level: scan every row for model nodes whose inputs are known and that have no answer,
 * send them (or find the job that already holds them), wait, store the answers, and scan again,
 * until no model node is left without an answer or a recorded failure.
 */
import { nodeRegistry } from '../../../nodes/registry';
import type { AssetStore } from '../../engine/assets';
import type { ProviderError } from '../../engine/provider';
import type { PreparedRun } from '../prepare';
import { collectJob } from './collect';
import type { DriveContext } from './context';
import { cancelLateCopies, resolveIntents } from './intents';
import { requestKey } from './node-target';
import { type PendingNode, scanRows } from './scan';
import { type JobRecord, jobLabel } from './state';
import { submitLevel } from './submit';

export type DriveOutcome =
  | { kind: 'complete'; failures: Map<string, ProviderError> }
  | { kind: 'interrupted'; jobs: string[] }
  | { kind: 'stalled'; jobs: string[]; error: ProviderError };

const LIVE = (job: JobRecord) => job.state !== 'create_failed' && job.state !== 'not_created';

export async function driveLevels(
  rows: PreparedRun[],
  assets: AssetStore,
  context: DriveContext,
): Promise<DriveOutcome> {
  const { state, io } = context;
  const collectedHere = new Set<JobRecord>();
  for (;;) {
    if (io.signal.aborted) {
      const open = state.jobs.filter((job) => job.name && !job.collected && LIVE(job)).map(jobLabel);
      return { kind: 'interrupted', jobs: open };
    }
    const scan = await scanRows({
      rows,
      registry: nodeRegistry,
      cache: context.cache,
      assets,
      state,
      providerId: 'gemini',
      reroll: new Set(state.options.reroll),
      targets: state.options.targets,
    });
    if (scan.pending.size === 0) return { kind: 'complete', failures: scan.failures };
    const jobByKey = new Map<string, JobRecord>();
    for (const job of state.jobs.filter(LIVE)) for (const key of job.keys) jobByKey.set(key, job);
    const covering = new Map<JobRecord, PendingNode[]>();
    const uncovered: PendingNode[] = [];
    for (const node of scan.pending.values()) {
      const job = jobByKey.get(requestKey(node.cacheKey, 0));
      if (job && collectedHere.has(job)) {
        // Collected in this process and still unanswered: the cache did not keep the answer.
        state.nodes[node.cacheKey] = {
          status: 'failed',
          calls: 0,
          costUsd: 0,
          error: { code: 'io', message: `the answer from ${jobLabel(job)} could not be stored in the cache` },
        };
      } else if (job) covering.set(job, [...(covering.get(job) ?? []), node]);
      else uncovered.push(node);
    }
    // Jobs whose create left no name: found by display name (or waited for) before any resend.
    const intents = [...covering.keys()].filter((job) => !job.name);
    const resend: PendingNode[][] = [];
    if (intents.length > 0) {
      const resolved = await resolveIntents(intents, context);
      if (resolved.kind === 'interrupted')
        return { kind: 'interrupted', jobs: intents.map((job) => job.name ?? job.displayName) };
      if (resolved.kind === 'error')
        return { kind: 'stalled', jobs: intents.map(jobLabel), error: resolved.error };
      for (const job of intents) {
        if (job.name) continue;
        // Sent again as the same job (same requests, same order, so the same display name).
        const order = new Map(job.keys.map((key, index) => [key, index]));
        const at = (node: PendingNode) => order.get(requestKey(node.cacheKey, 0)) ?? 0;
        resend.push([...(covering.get(job) ?? [])].sort((a, b) => at(a) - at(b)));
        covering.delete(job);
      }
    }
    const toSend = [...resend.flat(), ...uncovered];
    let unanswered = 0;
    if (toSend.length > 0) {
      const level = Math.max(0, ...state.jobs.map((job) => job.level)) + 1;
      const requests = toSend.reduce((sum, node) => sum + node.requests.length, 0);
      io.stderr(
        `level ${level}: ${requests} model request${requests === 1 ? '' : 's'} to send as batch jobs`,
      );
      state.status = 'running';
      const created: JobRecord[] = [];
      for (const group of [...resend, uncovered])
        if (group.length > 0) created.push(...(await submitLevel(group, level, context)));
      for (const job of created) {
        // A create with no answer: looked up by display name on the next pass, never collected blind.
        if (!job.name) {
          unanswered++;
          continue;
        }
        const keys = new Set(job.keys);
        covering.set(
          job,
          toSend.filter((node) => keys.has(requestKey(node.cacheKey, 0))),
        );
      }
    }
    if (
      unanswered === 0 &&
      covering.size === 0 &&
      toSend.length > 0 &&
      toSend.every((node) => !state.nodes[node.cacheKey])
    ) {
      // Nothing sent and nothing to wait for (no room under the open-job limit): stop, do not spin.
      const jobs = state.jobs.filter((job) => job.name && !job.collected && LIVE(job)).map(jobLabel);
      const error: ProviderError = {
        code: 'rate_limited',
        message: `no batch job could be sent: ${jobs.length} jobs are still open at Google (the limit is ${context.limits.maxOpenJobs})`,
        retryable: true,
      };
      return { kind: 'stalled', jobs, error };
    }
    // A job sent again after a create with no answer: a late first copy is cancelled, not paid.
    await cancelLateCopies([...covering.keys()], context);
    const outcomes = await Promise.all(
      [...covering].map(async ([job, nodes]) => {
        const outcome = await collectJob(job, nodes, context);
        if (outcome === 'collected') collectedHere.add(job);
        return { job: jobLabel(job), outcome };
      }),
    );
    const open = outcomes.filter((entry) => entry.outcome !== 'collected');
    const jobs = open.map((entry) => entry.job);
    if (open.some((entry) => entry.outcome === 'interrupted')) return { kind: 'interrupted', jobs };
    const failed = open.find((entry) => typeof entry.outcome === 'object');
    if (failed && typeof failed.outcome === 'object') return { kind: 'stalled', jobs, error: failed.outcome };
  }
}
