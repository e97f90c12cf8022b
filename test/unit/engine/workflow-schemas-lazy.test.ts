import { describe, expect, it, vi } from 'vitest';

/**
 * The file's zod schemas (about forty) are built on first use: a common file is checked without
 * them, so opening one (the editor's start, a link) builds none. `makeComponentSchemas` is part of
 * every build, so its calls count the builds.
 */
const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/engine/components/schema', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/engine/components/schema')>();
  return {
    ...original,
    makeComponentSchemas: (...args: Parameters<typeof original.makeComponentSchemas>) => {
      built.count += 1;
      return original.makeComponentSchemas(...args);
    },
  };
});

const common = {
  format: 'peel.workflow',
  version: 2,
  name: 'common',
  components: [],
  nodes: [
    { id: 'p', type: 'prompt', position: { x: 0, y: 0 }, params: { text: 'a cat' } },
    { id: 'g', type: 'generate', position: { x: 300, y: 0 }, params: {} },
  ],
  edges: [{ source: 'p', sourcePort: 'text', target: 'g', targetPort: 'prompt' }],
};

describe('the workflow file schemas', () => {
  it('are not built to open a common file, and are built once when a file needs them', async () => {
    const { parseWorkflowText } = await import('../../../src/engine/load');
    const { clipFromText, clipToText } = await import('../../../src/editor/canvas/clipboard');
    expect(parseWorkflowText(JSON.stringify(common)).ok).toBe(true);
    expect(built.count).toBe(0);
    // A dangling edge: the fast check declines, zod explains.
    const broken = { ...common, edges: [{ ...common.edges[0], target: 'nowhere' }] };
    const result = parseWorkflowText(JSON.stringify(broken));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.error.map((error) => error.message)).toEqual([
      'refers to unknown node id "nowhere"',
    ]);
    expect(built.count).toBe(1);
    // Pasting uses the same schemas: still one build.
    const clip = { nodes: common.nodes, edges: common.edges };
    expect(clipFromText(clipToText(clip))?.nodes).toHaveLength(2);
    expect(parseWorkflowText(JSON.stringify(broken)).ok).toBe(false);
    expect(built.count).toBe(1);
  });
});
