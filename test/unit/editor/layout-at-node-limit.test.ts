import { describe, expect, it } from 'vitest';
import { checkConnection } from '../../../src/editor/canvas/connection-rules';
import { autoLayout } from '../../../src/editor/canvas/layout';
import { FILE_LIMITS } from '../../../src/engine/schema';
import type { Workflow } from '../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../helpers/workflows';

const LIMIT = FILE_LIMITS.maxNodes;

function editLine(closed: boolean): Workflow {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < LIMIT; i++) {
    nodes.push(node(`e${i}`, 'edit', { instruction: 'x' }));
    if (i + 1 < LIMIT || closed) edges.push(edge(`e${i}`, 'image', `e${(i + 1) % LIMIT}`, 'image'));
  }
  return workflowOf(nodes, edges);
}

describe('editor graph walks at the node limit', () => {
  it('auto-layout places every node of a chain at the limit, left to right', () => {
    const positions = autoLayout(editLine(false), {});
    expect(positions.size).toBe(LIMIT);
    const first = positions.get('e0');
    const last = positions.get(`e${LIMIT - 1}`);
    expect(first && last && last.x > first.x).toBe(true);
  });

  it('auto-layout places every node of a cycle through the whole file', () => {
    expect(autoLayout(editLine(true), {}).size).toBe(LIMIT);
  });

  it('refuses the link that would close a chain at the limit into a cycle', () => {
    const check = checkConnection(editLine(false), {
      source: `e${LIMIT - 1}`,
      sourceHandle: 'image',
      target: 'e0',
      targetHandle: 'image',
    });
    expect(check).toEqual({ ok: false, reason: 'that link would make a cycle' });
  });
});
