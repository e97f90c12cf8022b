import { z } from 'zod';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok, peelError } from '../../src/engine/result';

export const PromptParams = z.strictObject({
  text: z.string().max(100_000, 'a prompt holds at most 100,000 characters').default(''),
});
export type PromptParams = z.infer<typeof PromptParams>;

export const promptNode = defineNode<PromptParams>({
  type: 'prompt',
  version: 1,
  title: 'Prompt',
  description: 'Text for a Generate or Edit node.',
  callsModel: false,
  inputs: {},
  outputs: { text: port('text') },
  params: PromptParams,
  check: (params) =>
    params.text.trim() === '' ? [peelError('invalid_params', 'the prompt is empty', { path: '.text' })] : [],
  run: async ({ params }) => ok({ outputs: { text: params.text } }),
});
