import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { runWorkflow } from '../../../src/engine/executor';
import { allValidationErrors, validateWorkflow } from '../../../src/engine/validate';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, imageHashOf, node, workflowOf } from '../../helpers/workflows';

describe('validateWorkflow', () => {
  it('names the nodes of a cycle and refuses to run any of it', async () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('g', 'generate', {}),
        node('e1', 'edit', { instruction: 'a' }),
        node('e2', 'edit', { instruction: 'b' }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('e1', 'image', 'e2', 'image'),
        edge('e2', 'image', 'e1', 'image'),
      ],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.graphErrors).toHaveLength(1);
    expect(report.graphErrors[0]?.message).toMatch(/cycle through "e1" -> "e2"/);
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider });
    expect(result.status).toBe('failed');
    expect(provider.requests).toHaveLength(0);
  });

  it('refuses a self-loop (e.image -> e.image) with a clear message; nothing runs, no call is made', async () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('g', 'generate', {}),
        node('x', 'export', { filename: 'out-{n}' }),
        node('e', 'edit', { instruction: 'again' }),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('g', 'image', 'x', 'images'), edge('e', 'image', 'e', 'image')],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.graph.cycles).toEqual([['e']]);
    expect(report.graphErrors.map((error) => `${error.code}: ${error.message}`)).toEqual([
      'cycle: "e" is connected to itself (image -> image); remove that connection',
    ]);
    expect(report.nodeErrors.get('e')?.map((error) => error.code)).toEqual(['cycle']);
    expect(report.nodeErrors.get('g')).toBeUndefined();
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider });
    expect(result.status).toBe('failed');
    expect(result.error?.message).toMatch(/"e" is connected to itself/);
    expect(provider.requests).toHaveLength(0);
    expect(result.totals.calls).toBe(0);
  });

  it('reports missing inputs, port mismatches, too many edges and param errors per node, all at once', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: '' }),
        node('r', 'referenceSet', { images: [] }),
        node('g', 'generate', {
          model: 'gemini-3.1-flash-image',
          aspectRatio: '8:1',
          imageSize: '4K',
          variations: 12,
        }),
        node('g2', 'generate', { model: 'gemini-3-pro-image', aspectRatio: '8:1' }),
        node('e', 'edit', {}),
        node('p2', 'prompt', { text: 'b' }),
      ],
      [
        edge('r', 'images', 'g2', 'prompt'),
        edge('p', 'text', 'e', 'instruction'),
        edge('p2', 'text', 'e', 'instruction'),
      ],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    const errors = allValidationErrors(report);
    const summary = errors.map((e) => `${e.nodeId}|${e.code}|${e.path ?? ''}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'p|invalid_params|nodes[0].params.text',
        'g|invalid_params|nodes[2].params.variations',
        'g2|port_mismatch|edges[0]',
        'g2|invalid_params|nodes[3].params.aspectRatio',
        'e|missing_input|nodes[4]',
        'e|too_many_edges|nodes[4]',
      ]),
    );
    expect(report.nodeErrors.get('p2')).toBeUndefined();
  });

  it('checks aspect ratio and size against the model table', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('g', 'generate', { model: 'gemini-3-pro-image', aspectRatio: '1:8', imageSize: '512' }),
      ],
      [edge('p', 'text', 'g', 'prompt')],
    );
    const messages = (validateWorkflow(workflow, nodeRegistry).nodeErrors.get('g') ?? []).map(
      (e) => `${e.path}: ${e.message}`,
    );
    expect(messages).toEqual([
      expect.stringMatching(
        /^nodes\[1\]\.params\.aspectRatio: gemini-3-pro-image does not offer aspect ratio 1:8/,
      ),
      expect.stringMatching(
        /^nodes\[1\]\.params\.imageSize: gemini-3-pro-image does not offer image size 512/,
      ),
    ]);
  });

  it('lets an unknown model id through (models change faster than releases) but with no estimate', async () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('g', 'generate', { model: 'gemini-9-ultra-image' })],
      [edge('p', 'text', 'g', 'prompt')],
    );
    expect(allValidationErrors(validateWorkflow(workflow, nodeRegistry))).toEqual([]);
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider: scriptedProvider() });
    expect(result.estimate.usd).toBeNull();
  });

  it('refuses only the branch that needs an unknown node type', async () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('u', 'upscale', { factor: 2 }),
        node('g', 'generate', {}),
        node('g2', 'generate', {}),
      ],
      [edge('p', 'text', 'g', 'prompt'), edge('p', 'text', 'u', 'prompt'), edge('u', 'text', 'g2', 'prompt')],
    );
    const provider = scriptedProvider();
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider });
    expect(result.nodes.get('g')?.status).toBe('ran');
    expect(result.nodes.get('u')).toMatchObject({ status: 'failed', error: { code: 'unknown_node_type' } });
    expect(result.nodes.get('g2')?.status).toBe('skipped');
    expect(provider.requests).toHaveLength(1);
  });

  it('concatenates several edges into an image[] input in edge order', async () => {
    const provider = scriptedProvider();
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'one' }),
        node('p2', 'prompt', { text: 'two' }),
        node('g1', 'generate', {}),
        node('g2', 'generate', {}),
        node('g3', 'generate', { model: 'gemini-3-pro-image' }),
      ],
      [
        edge('p', 'text', 'g1', 'prompt'),
        edge('p2', 'text', 'g2', 'prompt'),
        edge('p', 'text', 'g3', 'prompt'),
        edge('g2', 'images', 'g3', 'references'),
        edge('g1', 'image', 'g3', 'references'),
      ],
    );
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider });
    const hash = (id: string) => imageHashOf(result, id);
    const third = provider.requests.find((r) => r.model === 'gemini-3-pro-image');
    expect(third?.references.map((r) => r.hash)).toEqual([hash('g2'), hash('g1')]);
  });
});

describe('validateWorkflow: exposed input names', () => {
  it('reports a malformed or duplicated input name on the node', () => {
    const workflow = workflowOf(
      [
        node('a', 'prompt', { text: 'x' }, { exposeAs: 'subject' }),
        node('b', 'prompt', { text: 'y' }, { exposeAs: 'subject' }),
        node('c', 'prompt', { text: 'z' }, { exposeAs: '9 lives' }),
      ],
      [],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.nodeErrors.get('a')).toBeUndefined();
    expect(report.nodeErrors.get('b')?.[0]?.message).toMatch(/"subject" is already used by "a"/);
    expect(report.nodeErrors.get('c')?.[0]?.path).toBe('nodes[2].exposeAs');
  });
});

describe('wouldCreateCycle', () => {
  it('sees cycles through long chains and none across independent branches', async () => {
    const { wouldCreateCycle } = await import('../../../src/engine/graph');
    const nodes = Array.from({ length: 6 }, (_, i) => node(`n${i}`, 'edit', { instruction: 'x' }));
    const edges = [
      edge('n0', 'image', 'n1', 'image'),
      edge('n1', 'image', 'n2', 'image'),
      edge('n3', 'image', 'n4', 'image'),
    ];
    const workflow = workflowOf(nodes, edges);
    expect(wouldCreateCycle(workflow, 'n2', 'n0')).toBe(true);
    expect(wouldCreateCycle(workflow, 'n0', 'n0')).toBe(true);
    expect(wouldCreateCycle(workflow, 'n2', 'n3')).toBe(false);
    expect(wouldCreateCycle(workflow, 'n4', 'n3')).toBe(true);
  });
});
