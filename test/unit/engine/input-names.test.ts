/** Input names that every JS object already answers to must never pass, nor be read through a prototype. */
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { applyInputs, type InputValue } from '../../../src/engine/inputs';
import { validateWorkflow } from '../../../src/engine/validate';
import { inputNameProblem } from '../../../src/engine/workflow';
import { edge, node, workflowOf } from '../../helpers/workflows';

const RESERVED = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype'];

const exposing = (name: string) =>
  workflowOf(
    [node('p', 'prompt', { text: 'x' }, { exposeAs: name }), node('g', 'generate', {})],
    [edge('p', 'text', 'g', 'prompt')],
  );

describe('reserved input names', () => {
  it.each(RESERVED)('exposeAs "%s" is a validation error that names the problem', (name) => {
    const errors = validateWorkflow(exposing(name), nodeRegistry).nodeErrors.get('p') ?? [];
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      `nodes[0].exposeAs: "${name}" is reserved (a name every JavaScript object has); choose another input name`,
    ]);
  });

  it('ordinary names that merely resemble them stay valid', () => {
    for (const name of ['proto', 'Constructor', 'to_string', 'subject']) {
      expect(inputNameProblem(name)).toBeUndefined();
      expect(validateWorkflow(exposing(name), nodeRegistry).nodeErrors.get('p')).toBeUndefined();
    }
  });

  it('applyInputs reads values by own property only: an inherited "toString" is not a value', () => {
    // A workflow written before the rule (or built in memory) exposing "toString": no value given
    // must keep the node's own text, not find Object.prototype.toString.
    const applied = applyInputs(exposing('toString'), {});
    expect(applied.ok).toBe(true);
    if (applied.ok) expect(applied.value.nodes[0]?.params).toStrictEqual({ text: 'x' });
  });

  it('applyInputs applies a value keyed by an own "constructor" property', () => {
    const values: Record<string, InputValue> = Object.fromEntries([
      ['constructor', { kind: 'text', text: 'from the row' }],
    ]);
    const applied = applyInputs(exposing('constructor'), values);
    expect(applied.ok && applied.value.nodes[0]?.params).toEqual({ text: 'from the row' });
  });
});
