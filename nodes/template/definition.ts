import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { type PortSpec, port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import { isReservedInputName } from '../../src/engine/workflow';
import { combineField } from '../shared/combine';
import { fillTemplate, placeholdersOf } from './placeholders';

export const TemplateParams = lazySchema(() =>
  z.strictObject({
    text: z.string().max(100_000, 'a template holds at most 100,000 characters').default(''),
    combine: combineField,
  }),
);
export type TemplateParams = z.infer<ReturnType<typeof TemplateParams>>;

/** Placeholder names that can be ports (a name every JS object has cannot). */
const portNames = (text: string): string[] =>
  placeholdersOf(text).filter((name) => !isReservedInputName(name));

export const templateNode = defineNode<TemplateParams>({
  type: 'template',
  version: 1,
  title: 'Template',
  description: 'A prompt with {name} placeholders; each becomes a text input. {{ and }} are literal braces.',
  callsModel: false,
  inputs: {},
  // Optional for the generic check: `check` names every unfilled placeholder in one message.
  inputsFor: (params) =>
    Object.fromEntries(
      portNames(params.text).map((name): [string, PortSpec] => [name, port('text', { optional: true })]),
    ),
  outputs: { text: port('text') },
  get params() {
    return TemplateParams();
  },
  check: (params, context) => {
    const problems = [];
    if (params.text.trim() === '')
      problems.push(peelError('invalid_params', 'the template is empty', { path: '.text' }));
    const reserved = placeholdersOf(params.text).filter(isReservedInputName);
    if (reserved.length > 0)
      problems.push(
        peelError('invalid_params', `{${reserved[0]}} cannot name a placeholder; choose another name`, {
          path: '.text',
        }),
      );
    const unfilled = portNames(params.text).filter((name) => !context.connectedInputs.has(name));
    if (unfilled.length > 0) {
      const names = unfilled.map((name) => `{${name}}`).join(', ');
      problems.push(
        peelError(
          'missing_input',
          `unfilled placeholder${unfilled.length === 1 ? '' : 's'} ${names}: connect a text (or a list) to each, or write {{ and }} for literal braces`,
          { path: '.text' },
        ),
      );
    }
    return problems;
  },
  run: async ({ params, inputs }) => {
    const values: Record<string, string> = {};
    for (const name of portNames(params.text)) {
      const value = inputs[name];
      if (typeof value !== 'string') return err(peelError('missing_input', `no text arrived for {${name}}`));
      values[name] = value;
    }
    return ok({ outputs: { text: fillTemplate(params.text, values) } });
  },
});
