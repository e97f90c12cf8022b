import { expandComponents } from '../engine/components/expand';
import { displayNodeId } from '../engine/components/exposed';
import { formatUsd } from '../engine/cost';
import type { RunEstimate, RunEvent } from '../engine/events';
import type { Workflow } from '../engine/workflow';
import type { CliIO } from './cli-io';
import { eventToJsonLine } from './event-json';

const STATUS_MARK: Record<string, string> = {
  ran: 'ok',
  cached: 'cached',
  failed: 'FAILED',
  skipped: 'skipped',
  cancelled: 'cancelled',
};

/** Human-readable progress on stderr (stdout stays clean for --json consumers). */
export function createPrinter(io: CliIO, json: boolean, workflow: Workflow, rowLabel = '') {
  const { types, name } = nodeNames(workflow);
  return (event: RunEvent, extra: Record<string, unknown> = {}): void => {
    if (json) {
      io.stdout(eventToJsonLine(event, extra));
      return;
    }
    const prefix = rowLabel ? `[${rowLabel}] ` : '';
    if (event.type === 'node-waiting') io.stderr(`${prefix}${name(event.nodeId)}: waiting: ${event.message}`);
    if (event.type === 'run-warning') io.stderr(`${prefix}warning: ${event.message}`);
    if (event.type === 'node-finish') {
      const type = types.get(event.nodeId) ?? '';
      const cost = event.costUsd ? ` ${formatUsd(event.costUsd)}` : '';
      const seconds = `${(event.durationMs / 1000).toFixed(1)}s`;
      const why = event.error ? `: ${event.error.message}` : '';
      const notes = event.notes && event.notes.length > 0 ? ` (note: ${event.notes.join('; ')})` : '';
      io.stderr(
        `${prefix}${STATUS_MARK[event.status] ?? event.status} ${name(event.nodeId)} (${type}) ${seconds}${cost}${why}${notes}`,
      );
    }
  };
}

export function describePlan(estimate: RunEstimate, workflow: Workflow): string[] {
  const lines: string[] = [];
  const { types, name } = nodeNames(workflow);
  for (const [id, plan] of Object.entries(estimate.perNode)) {
    const what =
      plan.action === 'call'
        ? `will call the model (${plan.calls} call${plan.calls === 1 ? '' : 's'}, ~${formatUsd(plan.usd)})`
        : plan.action === 'cached'
          ? 'cached, no call'
          : plan.action === 'compute'
            ? 'computed locally, free'
            : `will not run: ${plan.reason ?? plan.action}`;
    lines.push(`  ${name(id)} (${types.get(id) ?? '?'}): ${what}`);
  }
  lines.push(
    `estimate: ${estimate.calls} model call${estimate.calls === 1 ? '' : 's'}, ${estimate.cachedNodes} cached, ~${estimate.usd === null ? 'price unknown (a model is not in the catalog: unknown cost; give it a price with --models FILE)' : formatUsd(estimate.usd)}`,
  );
  return lines;
}

/**
 * Types and printed names of the nodes a run reports: nodes inside components by their path
 * ("sceneMaker › gen"), other nodes by id.
 */
function nodeNames(workflow: Workflow) {
  const expansion = expandComponents(workflow);
  const types = new Map(expansion.workflow.nodes.map((node) => [node.id, node.type]));
  const name = (id: string) => (id.includes('/') ? displayNodeId(id, expansion.origins) : id);
  return { types, name };
}
