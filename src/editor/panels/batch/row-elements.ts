import type { RunEvent } from '../../../engine/events';
import type { Workflow } from '../../../engine/workflow';
import { foldElementEvent } from '../../store/element-runs';
import { type NodeRunState, outputsView } from '../../store/run-store';
import type { RowElements } from './batch-store';

/**
 * A row's mapped nodes, folded from its element events exactly as the canvas folds them, so the
 * results grid can show each element (thumbnail and index, or its line of text).
 */
export class RowElementsCollector {
  private readonly nodes = new Map<string, NodeRunState>();
  private readonly feeds: ReadonlySet<string>;
  private readonly labels: ReadonlyMap<string, string>;

  constructor(workflow: Workflow) {
    this.feeds = new Set(workflow.edges.map((edge) => edge.source));
    this.labels = new Map(workflow.nodes.map((node) => [node.id, node.label ?? node.id]));
  }

  readonly onEvent = (event: RunEvent): void => {
    if (event.type !== 'node-finish' || !event.element) return;
    const of = event.element.of;
    const node = this.nodes.get(of) ?? { status: 'idle' as const, previous: [] };
    this.nodes.set(of, node);
    foldElementEvent(node, event.runId, event, outputsView);
  };

  /**
   * The mapped nodes worth showing: those whose element images are among the row's results (an
   * export's files, or the graph's ends), and mapped ends that answer with text.
   */
  groups(resultImages: readonly string[]): RowElements[] {
    const results = new Set(resultImages);
    const groups: RowElements[] = [];
    for (const [nodeId, node] of this.nodes) {
      const view = node.elements;
      if (!view) continue;
      const shown =
        view.entries.some((entry) => entry?.images.some((hash) => results.has(hash))) ||
        !this.feeds.has(nodeId);
      if (!shown) continue;
      groups.push({
        nodeId,
        label: this.labels.get(nodeId) ?? nodeId,
        count: view.count,
        entries: view.entries.map((entry) => (entry ? { ...entry, images: [...entry.images] } : undefined)),
      });
    }
    return groups;
  }
}

/** "Shots 2 of 3" for an image that is an element of a mapped node in this row. */
export function elementCaption(groups: readonly RowElements[] | undefined, hash: string): string | undefined {
  for (const group of groups ?? []) {
    const index = group.entries.findIndex((entry) => entry?.images.includes(hash));
    if (index >= 0) return `${group.label} ${index + 1} of ${group.count}`;
  }
  return undefined;
}
