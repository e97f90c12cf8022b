/**
 * Moving nodes (a drag, Tidy moving 500 at once) must not re-render node bodies or recompute
 * validation and the estimate: these decide what counts as "only moved".
 */
import type { NodeProps } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { positionFree } from '../../../src/editor/canvas/position-free';
import { onlyMoved, sameNodeButPosition } from '../../../src/editor/store/moves-only';
import { edge, node, workflowOf } from '../../helpers/workflows';

const doc = workflowOf(
  [node('p', 'prompt', { text: 'a' }), node('g', 'generate', { model: 'm' })],
  [edge('p', 'text', 'g', 'prompt')],
);

describe('onlyMoved', () => {
  it('is true when only positions changed', () => {
    const moved = { ...doc, nodes: doc.nodes.map((n) => ({ ...n, position: { x: 5, y: 9 } })) };
    expect(onlyMoved(doc, moved)).toBe(true);
    expect(onlyMoved(doc, doc)).toBe(true);
  });

  it('is false for a change of params, label, size, edges, nodes or name', () => {
    const [p, g] = doc.nodes as [(typeof doc.nodes)[0], (typeof doc.nodes)[0]];
    const changes = [
      { ...doc, nodes: [{ ...p, params: { text: 'b' } }, g] },
      { ...doc, nodes: [{ ...p, label: 'Prompt' }, g] },
      { ...doc, nodes: [{ ...p, size: { width: 300, height: 200 } }, g] },
      { ...doc, nodes: [p] },
      { ...doc, nodes: [g, p] },
      { ...doc, edges: [] },
      { ...doc, name: 'Other' },
    ];
    for (const changed of changes) expect(onlyMoved(doc, changed)).toBe(false);
  });

  it('compares nodes field by field, position aside', () => {
    const p = doc.nodes[0] as (typeof doc.nodes)[0];
    expect(sameNodeButPosition(p, { ...p, position: { x: 1, y: 1 } })).toBe(true);
    expect(sameNodeButPosition(p, { ...p, bypass: true })).toBe(false);
    expect(sameNodeButPosition({ ...p, collapsed: true }, p)).toBe(false);
  });
});

const View = () => null;

describe('positionFree node types', () => {
  const compare = (
    positionFree({ prompt: View }).prompt as unknown as {
      compare: (a: NodeProps, b: NodeProps) => boolean;
    }
  ).compare;
  const props = {
    id: 'p',
    selected: false,
    positionAbsoluteX: 0,
    positionAbsoluteY: 0,
    width: 280,
  } as unknown as NodeProps;

  it('skips a re-render when the node only moved', () => {
    expect(compare(props, { ...props, positionAbsoluteX: 400, positionAbsoluteY: -20 })).toBe(true);
  });

  it('re-renders for anything else React Flow passes', () => {
    expect(compare(props, { ...props, selected: true })).toBe(false);
    expect(compare(props, { ...props, width: 300 } as NodeProps)).toBe(false);
    expect(compare(props, { ...props, dragging: true })).toBe(false);
  });
});
