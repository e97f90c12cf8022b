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
      const type = types.get(event.element?.of ?? event.nodeId) ?? '';
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
            : plan.action === 'bypassed'
              ? 'bypassed: passes its input through, no call'
              : `will not run: ${plan.reason ?? plan.action}`;
    lines.push(`  ${name(id)} (${types.get(id) ?? types.get(fileNodeOf(id)) ?? '?'}): ${what}`);
  }
  // Many-values: some counts come from a model's answer, counted at their node's maximum.
  const upTo = estimate.upTo ? 'up to ' : '';
  const known = estimate.known
    ? ` (${estimate.known.calls} known now; the rest depends on a text model's list)`
    : '';
  lines.push(
    `estimate: ${upTo}${estimate.calls} model call${estimate.calls === 1 ? '' : 's'}${known}, ${estimate.cachedNodes} cached, ~${upTo}${estimate.usd === null ? 'price unknown (a model is not in the catalog: unknown cost; give it a price with --models FILE)' : formatUsd(estimate.usd)}`,
  );
  return lines;
}

/** The node of the file an element instance belongs to: `gen[2,3]` -> `gen`. */
const fileNodeOf = (id: string): string => id.replace(/\[[0-9,]+\]$/, '');

/**
 * Types and printed names of the nodes a run reports: nodes inside components by their path
 * ("sceneMaker › gen"), elements with their index ("sceneMaker › gen[2]"), other nodes by id.
 */
function nodeNames(workflow: Workflow) {
  const expansion = expandComponents(workflow);
  const types = new Map(expansion.workflow.nodes.map((node) => [node.id, node.type]));
  const name = (id: string) => {
    const base = fileNodeOf(id);
    return base.includes('/') ? `${displayNodeId(base, expansion.origins)}${id.slice(base.length)}` : id;
  };
  return { types, name };
}
