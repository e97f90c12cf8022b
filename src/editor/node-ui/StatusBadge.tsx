import { memo } from 'react';
import { formatUsd } from '../../engine/cost';
import type { NodeRunState } from '../store/run-store';
import { plainMessage } from '../text/MessageText';
import { useNodePlanLabel, useNodeRun, useNow } from './hooks';

const REASONS: Record<string, string> = {
  rate_limited: 'rate limited',
  unavailable: 'the service is busy',
  timeout: 'timed out',
  network: 'network error',
};

export function statusText(run: NodeRunState, now: number): string {
  switch (run.status) {
    case 'idle':
      return 'ready';
    case 'queued':
      return 'queued';
    case 'running':
      return `running ${Math.max(0, Math.floor((now - (run.startedAt ?? now)) / 1000))} s`;
    case 'waiting': {
      const seconds = Math.max(0, Math.ceil(((run.resumeAt ?? now) - now) / 1000));
      const reason = (run.reason && REASONS[run.reason]) ?? 'retrying';
      return `waiting: ${reason}, retrying in ${seconds} s`;
    }
    case 'cached':
      return 'cached';
    case 'done':
      return `done in ${((run.durationMs ?? 0) / 1000).toFixed(1)} s`;
    case 'failed':
      return 'failed';
    case 'skipped':
      return 'skipped';
    case 'cancelled':
      return 'cancelled';
    case 'interrupted':
      return 'interrupted';
  }
}

/** Status, elapsed time and cost of one node; ticks only while that node runs or waits. */
export const StatusBadge = memo(function StatusBadge({
  id,
  callsModel,
}: {
  id: string;
  callsModel: boolean;
}) {
  const run = useNodeRun(id);
  const planned = useNodePlanLabel(id, callsModel);
  const now = useNow(run.status === 'running' || run.status === 'waiting');
  const finished = run.status === 'done' || run.status === 'cached';
  let cost: string | null = null;
  // Only model calls cost money; cheap nodes show no figure at all.
  if (!callsModel) cost = null;
  else if (finished && run.costUsd !== undefined)
    cost = run.status === 'cached' ? 'free (cached)' : formatUsd(run.costUsd);
  else if (run.status === 'idle') cost = planned;
  return (
    <div className="node-status-row">
      <span
        className={`node-status status-${run.status}`}
        data-testid={`node-status-${id}`}
        data-status={run.status}
        title={run.message === undefined ? undefined : plainMessage(run.message)}
      >
        {statusText(run, now)}
      </span>
      {cost && (
        <span className="node-cost" data-testid={`node-cost-${id}`}>
          {cost}
        </span>
      )}
    </div>
  );
});
