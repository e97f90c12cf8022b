/**
 * The validator's exact words (issue #19, mutation testing): each problem's code, message, node and
 * path, as the editor and the CLI show them. validate.test.ts covers which problems are found;
 * here every field of them is pinned down (cycles: validate-cycles.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { checkReferenceCount } from '../../../nodes/shared/model-params';
import { expandWorkflow } from '../../../src/engine/many/expand';
import { validateExpanded } from '../../../src/engine/many/run-expansion';
import { allValidationErrors, validateWorkflow } from '../../../src/engine/validate';
import type { WorkflowNode } from '../../../src/engine/workflow';
import { withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

const MODEL = 'gemini-3.1-flash-image';
const errorsOf = (workflow: Parameters<typeof validateWorkflow>[0], id: string) =>
  validateWorkflow(workflow, nodeRegistry).nodeErrors.get(id);

/** A reference set of `count` images (the validator needs only their hashes). */
const referenceSet = (id: string, count: number): WorkflowNode =>
  node(id, 'referenceSet', {
    images: Array.from({ length: count }, (_, i) => ({
      name: `${i}.png`,
      mimeType: 'image/png',
      hash: i.toString(16).padStart(64, '0'),
    })),
  });

describe('validateWorkflow: the report of a plain workflow', () => {
  it('checks a workflow without components as it is: no expansion, no warnings, its own params', () => {
    const workflow = workflowOf([node('p', 'prompt', { text: 'x' })], []);
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.workflow).toBe(workflow);
    expect(report.expansion).toBeUndefined();
    expect(report.warnings).toEqual([]);
    expect(report.graphErrors).toEqual([]);
    expect([...report.nodeErrors]).toEqual([]);
    expect([...report.params]).toEqual([['p', { text: 'x' }]]);
  });
});

describe('validateWorkflow: node problems, word for word', () => {
  it('names a malformed and a duplicated input name at the node\'s "exposeAs"', () => {
    const workflow = workflowOf(
      [
        node('a', 'prompt', { text: 'x' }, { exposeAs: 'subject' }),
        node('b', 'prompt', { text: 'y' }, { exposeAs: 'subject' }),
        node('c', 'prompt', { text: 'z' }, { exposeAs: '9 lives' }),
      ],
      [],
    );
    expect(errorsOf(workflow, 'b')).toEqual([
      {
        code: 'invalid_params',
        message: 'input name "subject" is already used by "a"',
        path: 'nodes[1].exposeAs',
        nodeId: 'b',
      },
    ]);
    expect(errorsOf(workflow, 'c')).toEqual([
      {
        code: 'invalid_params',
        message: 'an input name starts with a letter or _ and holds only letters, digits, _ and -',
        path: 'nodes[2].exposeAs',
        nodeId: 'c',
      },
    ]);
  });

  it('an unknown node type: kept, but it cannot run', () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('u', 'upscale', { factor: 2 })],
      [],
    );
    expect(errorsOf(workflow, 'u')).toEqual([
      {
        code: 'unknown_node_type',
        message: 'unknown node type "upscale": this Peel has no such node; it is kept as is but cannot run',
        path: 'nodes[1].type',
        nodeId: 'u',
      },
    ]);
  });

  it('a missing input and an input with too many connections', () => {
    const workflow = workflowOf(
      [node('a', 'prompt', { text: 'a' }), node('b', 'prompt', { text: 'b' }), node('e', 'edit', {})],
      [edge('a', 'text', 'e', 'instruction'), edge('b', 'text', 'e', 'instruction')],
    );
    expect(errorsOf(workflow, 'e')).toEqual([
      {
        code: 'missing_input',
        message: 'input "image" (image) is not connected',
        path: 'nodes[2]',
        nodeId: 'e',
      },
      {
        code: 'too_many_edges',
        message: 'input "instruction" takes one connection; it has 2',
        path: 'nodes[2]',
        nodeId: 'e',
      },
    ]);
  });

  it("a node's own check without a path points at the node (too many reference images)", () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('g', 'generate', { model: MODEL }), referenceSet('rs', 15)],
      [edge('p', 'text', 'g', 'prompt'), edge('rs', 'images', 'g', 'references')],
    );
    const expected = checkReferenceCount(MODEL, 15);
    expect(expected?.path).toBeUndefined();
    expect(errorsOf(workflow, 'g')).toEqual([{ ...expected, path: 'nodes[1]', nodeId: 'g' }]);
    // One image fewer is within the model's limit.
    expect(checkReferenceCount(MODEL, 14)).toBeUndefined();
  });

  it('a bypassed node is not checked; its params are parsed when they can be', () => {
    const workflow = workflowOf(
      [
        node('ok', 'generate', {}, { bypass: true }),
        node('bad', 'generate', { variations: 12 }, { bypass: true }),
      ],
      [],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    expect([...report.nodeErrors]).toEqual([]);
    expect([...report.params.keys()]).toEqual(['ok']);
    expect(report.params.get('ok')).toEqual(nodeRegistry.generate.params.parse({}));
  });
});

describe('validateWorkflow: connections, word for word', () => {
  it('an output or input port the node does not have; a port of the wrong type', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('g', 'generate', {}),
        node('g2', 'generate', {}),
        referenceSet('rs', 1),
      ],
      [
        edge('p', 'words', 'g', 'prompt'),
        edge('p', 'text', 'g', 'style'),
        edge('rs', 'images', 'g2', 'prompt'),
      ],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.nodeErrors.get('g')).toEqual([
      { code: 'unknown_port', message: 'prompt "p" has no output "words"', path: 'edges[0]', nodeId: 'g' },
      { code: 'unknown_port', message: 'generate has no input "style"', path: 'edges[1]', nodeId: 'g' },
    ]);
    expect(report.nodeErrors.get('g2')).toEqual([
      {
        code: 'port_mismatch',
        message: 'cannot connect image[] output "rs.images" to text input "prompt"',
        path: 'edges[2]',
        nodeId: 'g2',
      },
    ]);
  });

  it('an edge from or to a node that is not in the file is left to the file checks, not thrown over', () => {
    const workflow = workflowOf(
      [node('p', 'prompt', { text: 'x' }), node('g', 'generate', {})],
      [edge('ghost', 'text', 'g', 'prompt'), edge('p', 'text', 'gone', 'prompt')],
    );
    expect(errorsOf(workflow, 'g')).toEqual([
      {
        code: 'missing_input',
        message: 'input "prompt" (text) is not connected',
        path: 'nodes[1]',
        nodeId: 'g',
      },
    ]);
  });

  it("one element of a many value counts as one image toward a model's reference limit", () => {
    // Three variations, each edited with 13 more references: 14 per edit, plus the edited image
    // itself (no conversation is continued), one over the model's 14.
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('g', 'generate', { model: MODEL, variations: 3 }),
        referenceSet('rs', 13),
        node('e', 'edit', { model: MODEL, instruction: 'warmer', continueConversation: false }),
      ],
      [
        edge('p', 'text', 'g', 'prompt'),
        edge('g', 'image', 'e', 'image'),
        edge('g', 'variants', 'e', 'references'),
        edge('rs', 'images', 'e', 'references'),
      ],
    );
    const expansion = expandWorkflow(workflow, { registry: nodeRegistry });
    const report = validateExpanded(expansion, nodeRegistry);
    const instances = [...report.nodeErrors.keys()].filter((id) => id.startsWith('e['));
    expect(instances).toHaveLength(3);
    for (const id of instances) {
      expect(report.nodeErrors.get(id)).toEqual([
        { ...checkReferenceCount(MODEL, 15), path: expect.stringMatching(/^nodes\[\d+\]$/), nodeId: id },
      ]);
    }
  });
});

describe('validateWorkflow: problems of components and of the whole file', () => {
  const instance = (id: string, component: string) => node(id, 'component', { component });

  it("only a component containing itself stops the whole graph; an unknown component is its node's problem", () => {
    const selfish = {
      id: 'selfish',
      name: 'Selfish',
      inputs: [],
      outputs: [],
      nodes: [instance('me', 'selfish')],
      edges: [],
    };
    const workflow = withComponents(workflowOf([instance('b', 'ghost'), instance('s', 'selfish')], []), [
      selfish,
    ]);
    const report = validateWorkflow(workflow, nodeRegistry);
    expect(report.graphErrors).toEqual([
      {
        code: 'cycle',
        message: 'component "selfish" contains itself (selfish › selfish); remove the inner "selfish" node',
        nodeId: 's/me',
        path: 'components[0].nodes[0]',
      },
    ]);
    expect(report.nodeErrors.get('b')).toEqual([
      {
        code: 'invalid_params',
        message: 'no component "ghost" in this workflow',
        nodeId: 'b',
        path: 'nodes[0].params.component',
      },
    ]);
  });

  it('the same problem without a path on two nodes is listed for each of them', () => {
    const list = (id: string, items: string[]) => node(id, 'list', { items });
    const workflow = workflowOf(
      [
        list('two', ['a', 'b']),
        list('three', ['a', 'b', 'c']),
        node('t1', 'template', { text: '{x} {y}', combine: 'zip' }),
        node('t2', 'template', { text: '{x} and {y}', combine: 'zip' }),
      ],
      [
        edge('two', 'items', 't1', 'x'),
        edge('three', 'items', 't1', 'y'),
        edge('two', 'items', 't2', 'x'),
        edge('three', 'items', 't2', 'y'),
      ],
    );
    const mismatches = allValidationErrors(validateWorkflow(workflow, nodeRegistry)).filter(
      (error) => error.code === 'length_mismatch',
    );
    const message =
      'combine is "zip" but the inputs hold 2 and 3 elements; give them the same length or use "cross"';
    expect(mismatches).toEqual([
      { code: 'length_mismatch', message, nodeId: 't1' },
      { code: 'length_mismatch', message, nodeId: 't2' },
    ]);
  });
});
