import type { ComponentExpansion } from '../components/expand';
import type { NodeRegistry } from '../node-definition';
import { type ValidationReport, validateWorkflow } from '../validate';
import type { NodeOutputs } from '../values';
import type { Workflow } from '../workflow';
import { type Expansion, expandWorkflow, type InstanceInfo } from './expand';

/**
 * The expansion of one run as answers arrive: up front, every node whose element count the file
 * fixes; then, each time an instance whose count comes from its answer finishes, the nodes that
 * map over that answer (`expandAfter`). Earlier instances keep their ids and edges.
 */
export class RunExpansion {
  private readonly arrived = new Map<string, NodeOutputs>();
  current: Expansion;

  constructor(
    private readonly workflow: Workflow,
    private readonly registry: NodeRegistry,
  ) {
    this.current = expandWorkflow(workflow, { registry });
  }

  info(id: string): InstanceInfo | undefined {
    return this.current.instances.get(id);
  }

  /** The instances an arrived answer adds (none when nothing waits on it). */
  expandAfter(instanceId: string, outputs: NodeOutputs): string[] {
    if (this.current.waiting.size === 0) return [];
    this.arrived.set(instanceId, outputs);
    const before = new Set(this.current.workflow.nodes.map((node) => node.id));
    this.current = expandWorkflow(this.workflow, { registry: this.registry, arrived: this.arrived });
    return this.current.workflow.nodes.filter((node) => !before.has(node.id)).map((node) => node.id);
  }

  /** The concrete graph as far as counts are known, each element counted at its maximum. */
  atMost(): Expansion {
    return expandWorkflow(this.workflow, { registry: this.registry, arrived: this.arrived, assumeMax: true });
  }
}

/**
 * Validation of a concrete graph, with the expansion's own problems (zip lengths) added, and the
 * problems met expanding components (`components`, when the graph came from a file using them).
 */
export function validateExpanded(
  expansion: Expansion,
  registry: NodeRegistry,
  components?: ComponentExpansion,
): ValidationReport {
  const report = validateWorkflow(expansion.workflow, registry);
  for (const [id, errors] of expansion.errors)
    report.nodeErrors.set(id, [...(report.nodeErrors.get(id) ?? []), ...errors]);
  if (!components || components.errors.length === 0) return report;
  for (const error of components.errors) {
    const id = error.nodeId ?? '';
    report.nodeErrors.set(id, [...(report.nodeErrors.get(id) ?? []), error]);
  }
  // A component containing itself is a cycle of the file: like a cycle of the graph, nothing runs.
  const cycles = components.errors.filter((error) => error.code === 'cycle');
  return { ...report, graphErrors: [...report.graphErrors, ...cycles] };
}
