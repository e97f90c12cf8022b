import { freeze, type Patch } from 'immer';
import type { Position, Workflow, WorkflowNode } from '../../engine/workflow';

export interface PositionChange {
  doc: Workflow;
  /** One `replace` of `position` per node that moved, as an immer draft would record it. */
  patches: Patch[];
  inversePatches: Patch[];
}

/**
 * `doc` with nodes moved to `positions`, and the patches of that change, computed without an immer
 * draft. Tidy moves every node of a 500-node graph at once; drafting each node to set its position
 * (a proxy per node, then finalizing and freezing them all) was a good part of Tidy's longest task.
 * The result is what the draft produced: the same patches (so undo and redo treat it like any other
 * step), structural sharing (nodes that stay put keep their objects), frozen like immer's output.
 * Nodes already where `positions` puts them record nothing. `componentId` names the component
 * definition being edited (its nodes move, as the scoped draft's would); undefined: the workflow's.
 */
export function withPositions(
  doc: Workflow,
  componentId: string | undefined,
  positions: ReadonlyMap<string, Position>,
): PositionChange {
  const index =
    componentId === undefined ? -1 : (doc.components?.findIndex((c) => c.id === componentId) ?? -1);
  const component = index >= 0 ? doc.components?.[index] : undefined;
  const nodes: readonly WorkflowNode[] = component ? component.nodes : doc.nodes;
  const prefix: (string | number)[] = component ? ['components', index, 'nodes'] : ['nodes'];
  const patches: Patch[] = [];
  const inversePatches: Patch[] = [];
  const moved = nodes.map((node, at) => {
    const to = positions.get(node.id);
    if (!to || (to.x === node.position.x && to.y === node.position.y)) return node;
    const position = freeze({ x: to.x, y: to.y });
    patches.push({ op: 'replace', path: [...prefix, at, 'position'], value: position });
    inversePatches.push({ op: 'replace', path: [...prefix, at, 'position'], value: node.position });
    return freeze({ ...node, position });
  });
  if (patches.length === 0) return { doc, patches, inversePatches };
  const nextNodes = freeze(moved);
  const next: Workflow =
    component && doc.components
      ? {
          ...doc,
          components: freeze(
            doc.components.map((definition, at) =>
              at === index ? freeze({ ...definition, nodes: nextNodes }) : definition,
            ),
          ),
        }
      : { ...doc, nodes: nextNodes };
  return { doc: freeze(next), patches, inversePatches };
}
