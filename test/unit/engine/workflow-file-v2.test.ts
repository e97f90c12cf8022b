import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWorkflowText, parseWorkflowValue } from '../../../src/engine/load';
import { serializeWorkflow } from '../../../src/engine/save';
import { emptyWorkflow } from '../../../src/engine/workflow';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');

function loadOrThrow(text: string) {
  const loaded = parseWorkflowText(text);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
  return loaded.value;
}

const v2 = (extra: Record<string, unknown>) => ({
  format: 'peel.workflow',
  version: 2,
  name: 'x',
  components: [],
  nodes: [],
  edges: [],
  ...extra,
});

const component = (extra: Record<string, unknown> = {}) => ({
  id: 'sceneMaker',
  name: 'Scene maker',
  inputs: [{ name: 'subject', type: 'text' }],
  outputs: [{ name: 'image', type: 'image', from: { node: 'gen', port: 'image' } }],
  nodes: [{ id: 'gen', type: 'generate', position: { x: 0, y: 0 }, params: {} }],
  edges: [{ source: '$in', sourcePort: 'subject', target: 'gen', targetPort: 'prompt' }],
  ...extra,
});

describe('workflow file v2 (components)', () => {
  it('migrates a version 1 file by adding "components": [] and saves it as version 2', () => {
    const text = fixture('workflow-v1.json');
    expect(JSON.parse(text).version).toBe(1);
    const loaded = loadOrThrow(text);
    expect(loaded.migratedFrom).toBe(1);
    expect(loaded.workflow.components).toEqual([]);
    const saved = JSON.parse(
      serializeWorkflow(loaded.workflow, { getImage: (h) => loaded.assets.getSync(h) }),
    );
    expect(saved.version).toBe(2);
    expect(saved.components).toEqual([]);
    const { version: _a, components: _c, ...rest } = saved;
    const { version: _b, ...original } = JSON.parse(text);
    expect(rest).toEqual(original);
  });

  it('migrates a version 0 file through every step to version 2', () => {
    const loaded = loadOrThrow(fixture('workflow-v0.json'));
    expect(loaded.migratedFrom).toBe(0);
    expect(loaded.workflow.components).toEqual([]);
    expect(loaded.workflow.version).toBe(2);
  });

  it('round-trips a v2 file with components byte for byte, images inside components included', () => {
    const text = fixture('workflow-v2.json');
    const loaded = loadOrThrow(text);
    const product = loaded.workflow.components?.[0]?.inputs[1]?.default as Array<{
      hash: string;
      data?: string;
    }>;
    expect(product[0]?.data).toBeUndefined();
    expect(loaded.assets.has(product[0]?.hash ?? '')).toBe(true);
    expect(serializeWorkflow(loaded.workflow, { getImage: (h) => loaded.assets.getSync(h) })).toBe(text);
  });

  it('writes version 2 with "components" even from an in-memory version 1 object', () => {
    const saved = JSON.parse(
      serializeWorkflow({ ...emptyWorkflow('old'), version: 1, components: undefined }),
    );
    expect(saved).toMatchObject({ version: 2, components: [] });
    expect(Object.keys(saved)).toEqual(['format', 'version', 'name', 'components', 'nodes', 'edges']);
  });

  it('refuses a version 3 file with the "newer Peel" message', () => {
    const result = parseWorkflowValue({ ...v2({}), version: 3 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error[0]?.code).toBe('newer_version');
    expect(result.error[0]?.message).toBe(
      'this workflow was made with a newer Peel (format version 3); this Peel reads up to version 2. Update Peel to open it.',
    );
  });

  it('requires "components" in a version 2 file', () => {
    const { components: _components, ...file } = v2({});
    const result = parseWorkflowValue(file);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => e.path)).toEqual(['components']);
  });

  it('reports strict errors with their paths inside components', () => {
    const result = parseWorkflowValue(
      v2({
        components: [
          component({
            surprise: 1,
            nodes: [
              { id: 'gen', type: 'generate', position: { x: 0, y: 0 }, params: {} },
              { id: 'p', type: 'prompt', position: { x: 0, y: 'far' }, params: {} },
            ],
          }),
        ],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => e.path)).toEqual(
      expect.arrayContaining(['components[0].nodes[1].position.y', 'components[0]']),
    );
    // Cross references are checked once the shape is right.
    const refs = parseWorkflowValue(
      v2({
        components: [
          component({
            inputs: [
              { name: 'subject', type: 'text', default: 3 },
              { name: 'subject', type: 'image' },
            ],
            outputs: [{ name: 'image', type: 'image', from: { node: 'ghost', port: 'image' } }],
            edges: [
              { source: '$in', sourcePort: 'nothing', target: 'gen', targetPort: 'prompt' },
              { source: 'gen', sourcePort: 'image', target: 'nowhere', targetPort: 'image' },
            ],
          }),
          component(),
        ],
        nodes: [
          { id: 'a', type: 'component', position: { x: 0, y: 0 }, params: { component: 'missing' } },
          { id: 'b', type: 'component', position: { x: 0, y: 0 }, params: {} },
        ],
      }),
    );
    expect(refs.ok).toBe(false);
    if (refs.ok) return;
    expect(refs.error.map((e) => `${e.path}: ${e.message}`)).toEqual(
      expect.arrayContaining([
        'components[0].inputs[1].name: duplicate input name "subject"',
        'components[0].inputs[0].default: must be text',
        'components[0].edges[0].sourcePort: the component has no input "nothing"',
        'components[0].edges[1].target: refers to unknown node id "nowhere"',
        'components[0].outputs[0].from.node: refers to unknown node id "ghost"',
        'components[1].id: duplicate component id "sceneMaker" (also components[0])',
        'nodes[0].params.component: no component "missing" in this file',
        'nodes[1].params.component: a component node names its component (params.component)',
      ]),
    );
  });

  it('refuses "$in" outside a component', () => {
    const result = parseWorkflowValue(
      v2({
        nodes: [{ id: 'g', type: 'generate', position: { x: 0, y: 0 }, params: {} }],
        edges: [{ source: '$in', sourcePort: 'subject', target: 'g', targetPort: 'prompt' }],
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((e) => e.path)).toContain('edges[0].source');
  });
});
