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
  return <StatusRow id={id} run={useNodeRun(id)} callsModel={callsModel} />;
});

/**
 * The status row for a run state its caller already holds: the overview node subscribes to the
 * run once for its whole body. A node that is not running or waiting has no clock (a timer's state
 * and effect in each of 500 idle nodes was a good part of opening a big graph).
 */
export function StatusRow({ id, run, callsModel }: { id: string; run: NodeRunState; callsModel: boolean }) {
  const planned = useNodePlanLabel(id, callsModel);
  const ticking = run.status === 'running' || run.status === 'waiting';
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
        {ticking ? <TickingStatus run={run} /> : statusText(run, 0)}
      </span>
      {cost && (
        <span className="node-cost" data-testid={`node-cost-${id}`}>
          {cost}
        </span>
      )}
    </div>
  );
}

/** Running or waiting: the elapsed time or the countdown, redrawn every second. */
function TickingStatus({ run }: { run: NodeRunState }) {
  return statusText(run, useNow(true));
}
