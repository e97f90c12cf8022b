import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { fileErrorPath, withFileErrorPath } from '../../../src/engine/components/error-paths';
import { type ComponentExpansion, expandComponents } from '../../../src/engine/components/expand';
import { peelError } from '../../../src/engine/result';
import { allValidationErrors, validateWorkflow } from '../../../src/engine/validate';
import { MODEL, sceneMaker, withComponents } from '../../helpers/components';
import { edge, node, workflowOf } from '../../helpers/workflows';

/**
 * Flat nodes: p, a/gen, a/@subject, out (file: nodes[0] p, nodes[1] instance a, nodes[2] out).
 * Flat edges: a/@subject→a/gen (components[0].edges[0]), a/gen→out (edges[0]).
 */
function expanded(): ComponentExpansion {
  const workflow = withComponents(
    workflowOf(
      [
        node('p', 'prompt', { text: 'x' }),
        node('a', 'component', { component: 'sceneMaker', inputs: { subject: 'y' } }),
        node('out', 'export', {}),
      ],
      [edge('a', 'image', 'out', 'images')],
    ),
    [sceneMaker()],
  );
  return expandComponents(workflow);
}

describe('fileErrorPath', () => {
  it('maps a flat node path to the node in the file, keeping the rest of the path', () => {
    const expansion = expanded();
    expect(expansion.workflow.nodes.map((n) => n.id)).toEqual(['p', 'a/gen', 'a/@subject', 'out']);
    expect(fileErrorPath('nodes[1].params.model', expansion)).toBe('components[0].nodes[0].params.model');
    expect(fileErrorPath('nodes[3]', expansion)).toBe('nodes[2]');
  });

  it('names a value node by its instance and input', () => {
    expect(fileErrorPath('nodes[2].params.text', expanded())).toBe('nodes[1] (sceneMaker) input "subject"');
  });

  it('maps a flat edge path to the edge in the file, keeping the rest of the path', () => {
    const expansion = expanded();
    expect(fileErrorPath('edges[0].targetPort', expansion)).toBe('components[0].edges[0].targetPort');
    expect(fileErrorPath('edges[1]', expansion)).toBe('edges[0]');
  });

  it('leaves paths it cannot map as they are', () => {
    const expansion = expanded();
    expect(fileErrorPath(undefined, expansion)).toBeUndefined();
    expect(fileErrorPath('name', expansion)).toBe('name');
    expect(fileErrorPath('nodes[9].params', expansion)).toBe('nodes[9].params');
    expect(fileErrorPath('edges[9]', expansion)).toBe('edges[9]');
    // Origins without edge origins: an edge path stays.
    expect(fileErrorPath('edges[0]', { ...expansion, edgeOrigins: undefined })).toBe('edges[0]');
  });

  it('leaves every path as it is when the workflow uses no component (no origins)', () => {
    const workflow = workflowOf([node('p', 'prompt', { text: '' })], []);
    const expansion = expandComponents(workflow);
    expect(expansion.origins).toBeUndefined();
    expect(fileErrorPath('nodes[0].params.text', expansion)).toBe('nodes[0].params.text');
  });
});

describe('withFileErrorPath', () => {
  it('gives a copy with the file path when the path maps, leaving the error as it was', () => {
    const error = peelError('invalid_params', 'bad model', {
      nodeId: 'a/gen',
      path: 'nodes[1].params.model',
    });
    expect(withFileErrorPath(error, expanded())).toEqual({
      code: 'invalid_params',
      message: 'bad model',
      nodeId: 'a/gen',
      path: 'components[0].nodes[0].params.model',
    });
    expect(error.path).toBe('nodes[1].params.model');
  });

  it('returns the same error when its path does not change or it has none', () => {
    const expansion = expanded();
    const unmapped = peelError('invalid_params', 'x', { path: 'name' });
    expect(withFileErrorPath(unmapped, expansion)).toBe(unmapped);
    const pathless = peelError('invalid_params', 'x', { nodeId: 'p' });
    expect(withFileErrorPath(pathless, expansion)).toBe(pathless);
  });

  it('points validation errors of edges inside a component at the component edge', () => {
    const def = {
      ...sceneMaker(),
      nodes: [node('gen', 'generate', { model: MODEL }), node('save', 'export', {})],
      edges: [edge('$in', 'subject', 'gen', 'prompt'), edge('gen', 'image', 'save', 'picture')],
    };
    const workflow = withComponents(
      workflowOf([node('a', 'component', { component: 'sceneMaker', inputs: { subject: 'y' } })], []),
      [def],
    );
    const lines = allValidationErrors(validateWorkflow(workflow, nodeRegistry)).map(
      (e) => `${e.path}: ${e.message}`,
    );
    expect(lines).toContain('components[0].edges[1]: export has no input "picture"');
  });
});
