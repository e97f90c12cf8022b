import { describe, expect, it, vi } from 'vitest';
import { edge, node, workflowOf } from '../../helpers/workflows';

/**
 * Node types' params schemas that a workflow does not use are not built: loading the registry
 * (the editor's first paint does) builds none of them, validating a Prompt -> Generate workflow
 * builds none, and a type's schema is built once, on first use, and kept.
 */
const builds = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/engine/lazy-schema', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/engine/lazy-schema')>();
  return {
    lazySchema: <T extends Parameters<typeof original.lazySchema>[0]>(build: T) =>
      original.lazySchema(() => {
        builds.count += 1;
        return build();
      }),
  };
});

describe('lazily built node params schemas', () => {
  it('are built neither by loading the registry nor by validating a workflow without them', async () => {
    const { nodeRegistry } = await import('../../../nodes/registry');
    const { validateWorkflow } = await import('../../../src/engine/validate');
    expect(builds.count).toBe(0);
    const report = validateWorkflow(
      workflowOf(
        [node('p', 'prompt', { text: 'a cat' }), node('g', 'generate')],
        [edge('p', 'text', 'g', 'prompt')],
      ),
      nodeRegistry,
    );
    expect(report.nodeErrors.size).toBe(0);
    expect(builds.count).toBe(0);

    const resize = nodeRegistry.resize.params;
    expect(builds.count).toBe(1);
    expect(nodeRegistry.resize.params).toBe(resize);
    expect(resize.safeParse({ width: 0 }).success).toBe(false);
    expect(resize.parse({})).toEqual({ fit: 'cover' });
    expect(builds.count).toBe(1);
    // The sketch's schema is built with the shared strokes schemas it is made of.
    expect(nodeRegistry.sketch.params.parse({})).toMatchObject({ strokes: [] });
    expect(builds.count).toBeGreaterThan(2);
  });
});
