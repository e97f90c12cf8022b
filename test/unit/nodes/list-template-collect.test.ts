import { describe, expect, it } from 'vitest';
import { itemSlug } from '../../../nodes/export/filename';
import { itemsFromLines } from '../../../nodes/list/definition';
import { nodeRegistry } from '../../../nodes/registry';
import { fillTemplate, placeholdersOf } from '../../../nodes/template/placeholders';
import { parseListAnswer } from '../../../nodes/textModel/list-answer';
import { runWorkflow } from '../../../src/engine/executor';
import { validateWorkflow } from '../../../src/engine/validate';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { edge, node, workflowOf } from '../../helpers/workflows';

describe('template placeholders', () => {
  it('finds {name} placeholders once each and keeps {{ }} and invalid braces as text', () => {
    expect(placeholdersOf('{product} in {scene}, {product} again')).toEqual(['product', 'scene']);
    expect(placeholdersOf('{{literal}} and { spaced } and {1x}')).toEqual([]);
    expect(fillTemplate('{{x}} is {x}; {a b}', { x: 'ten' })).toBe('{x} is ten; {a b}');
    expect(fillTemplate('}}{{', {})).toBe('}{');
  });

  it('makes each placeholder an input port, and an unfilled one a validation error naming it', () => {
    const workflow = workflowOf(
      [
        node('p', 'prompt', { text: 'a mug' }),
        node('t', 'template', { text: '{product} on {scene} at {time}' }),
      ],
      [edge('p', 'text', 't', 'product')],
    );
    const report = validateWorkflow(workflow, nodeRegistry);
    const errors = report.nodeErrors.get('t') ?? [];
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain('{scene}, {time}');
    expect(errors[0]?.message).not.toContain('{product}');
    // A connection to a name the template does not have is refused.
    const stray = workflowOf(
      [node('p', 'prompt', { text: 'a mug' }), node('t', 'template', { text: 'just {a}' })],
      [edge('p', 'text', 't', 'a'), edge('p', 'text', 't', 'b')],
    );
    expect(
      validateWorkflow(stray, nodeRegistry)
        .nodeErrors.get('t')
        ?.map((e) => e.code),
    ).toContain('unknown_port');
  });
});

describe('list, collect and text-model lists', () => {
  it('takes one item per line from a pasted spreadsheet column (first column, blanks dropped)', () => {
    expect(itemsFromLines('beach\r\n\n  desk \nforest\tunused column\n')).toEqual([
      'beach',
      'desk',
      'forest',
    ]);
  });

  it('an empty list is a validation error', () => {
    const report = validateWorkflow(workflowOf([node('l', 'list', { items: [] })], []), nodeRegistry);
    expect(report.nodeErrors.get('l')?.[0]?.message).toContain('empty');
  });

  it('collect joins texts with its separator, in element order', async () => {
    const workflow = workflowOf(
      [node('l', 'list', { items: ['one', 'two', 'three'] }), node('c', 'collect', { separator: ' | ' })],
      [edge('l', 'items', 'c', 'items')],
    );
    const result = await runWorkflow(workflow, { registry: nodeRegistry, provider: scriptedProvider() });
    expect(result.nodes.get('c')?.outputs?.list).toBe('one | two | three');
  });

  it('a list answer must be a JSON array of texts; it is never split from free text', () => {
    expect(parseListAnswer('["a", " b ", ""]', 5)).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseListAnswer('["a","b","c"]', 2)).toEqual({ ok: true, value: ['a', 'b'] });
    expect(parseListAnswer('1. a\n2. b', 5).ok).toBe(false);
    expect(parseListAnswer('{"items":["a"]}', 5).ok).toBe(false);
    expect(parseListAnswer('[]', 5).ok).toBe(false);
  });

  it('{item} is a short file-safe slug of the element text', () => {
    expect(itemSlug('A mug on a sunny beach!')).toBe('a-mug-on-a-sunny-beach');
    expect(itemSlug('../../etc/passwd')).toBe('etc-passwd');
    expect(itemSlug('x'.repeat(100))).toHaveLength(40);
    expect(itemSlug('???')).toBe('item');
    expect(itemSlug('café au lait')).toBe('café-au-lait');
  });
});
