import { z } from 'zod';
import { catalogModel, currentModels, describeRetirement, retirementOf } from '../../src/engine/catalog';
import { estimateCallUsd, typicalAnswerTokens } from '../../src/engine/cost';
import { lazySchema } from '../../src/engine/lazy-schema';
import { MODEL_ID_PATTERN } from '../../src/engine/models';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import type { TextAnswer } from '../../src/engine/provider';
import { err, ok, type PeelError, peelError } from '../../src/engine/result';
import { imagesOf } from '../../src/engine/values';
import { combineField } from '../shared/combine';
import { parseListAnswer } from './list-answer';

/** Cheapest current text model of the catalog: prompt writing does not need more. */
export const DEFAULT_TEXT_MODEL = 'gemini-3.1-flash-lite';

export const TextModelParams = lazySchema(() =>
  z.strictObject({
    model: z
      .string()
      .regex(MODEL_ID_PATTERN, `must be a Gemini model id such as ${DEFAULT_TEXT_MODEL}`)
      .default(DEFAULT_TEXT_MODEL),
    instruction: z.string().max(100_000, 'an instruction holds at most 100,000 characters').default(''),
    system: z.string().max(100_000).optional(),
    output: z.enum(['text', 'list']).default('text'),
    maxItems: z.number().int().min(1, 'at least 1 item').max(50, 'at most 50 items').default(5),
    combine: combineField,
  }),
);
export type TextModelParams = z.infer<ReturnType<typeof TextModelParams>>;

const answerOf = (params: TextModelParams): TextAnswer =>
  params.output === 'list' ? { kind: 'list', maxItems: params.maxItems } : { kind: 'text' };

/** The instruction, then what arrives on `prompt` (appended). */
export function textModelPrompt(instruction: string, prompt: string | undefined): string {
  return [instruction.trim(), prompt?.trim() ?? ''].filter((part) => part !== '').join('\n\n');
}

export const textModelNode = defineNode<TextModelParams>({
  type: 'textModel',
  version: 1,
  title: 'Text model',
  description:
    'A Gemini text model: writes or checks prompts, describes images; answers one text or a list (structured output).',
  callsModel: true,
  inputs: {
    prompt: port('text', { optional: true }),
    images: port('image[]', { optional: true }),
  },
  outputs: { text: port('text'), items: port('text', { many: true, label: 'items' }) },
  get params() {
    return TextModelParams();
  },
  // A text answer is one item; a list's length is known when the answer arrives (up to maxItems).
  manyOutputs: (params) => ({ items: params.output === 'list' ? { max: params.maxItems } : { count: 1 } }),
  check: (params, context) => {
    const problems: PeelError[] = [];
    const retired = retirementOf(params.model);
    if (retired) problems.push(peelError('model_retired', describeRetirement(retired), { path: '.model' }));
    else if (catalogModel(params.model)?.kind === 'image') {
      const example = currentModels('text')[0]?.id ?? DEFAULT_TEXT_MODEL;
      problems.push(
        peelError(
          'invalid_params',
          `${params.model} is an image model; choose a text model such as ${example}`,
          {
            path: '.model',
          },
        ),
      );
    }
    if (params.instruction.trim() === '' && !context.connectedInputs.has('prompt'))
      problems.push(
        peelError('invalid_params', 'the instruction is empty: write one or connect a prompt', {
          path: '.instruction',
        }),
      );
    return problems;
  },
  estimate: (params, context) => {
    const usd = estimateCallUsd({
      model: params.model,
      promptChars: params.instruction.length + (params.system?.length ?? 0) + context.promptChars,
      inputImages: context.inputImages,
      textOutputTokens: typicalAnswerTokens(answerOf(params)),
    });
    return { calls: 1, usd };
  },
  run: async ({ params, inputs, callModel }) => {
    const prompt = textModelPrompt(
      params.instruction,
      typeof inputs.prompt === 'string' ? inputs.prompt : undefined,
    );
    if (prompt === '')
      return err(peelError('invalid_input', 'the instruction and the prompt are both empty'));
    const answer = answerOf(params);
    const call = await callModel({
      model: params.model,
      prompt,
      references: imagesOf(inputs.images),
      answer,
      ...(params.system?.trim() ? { options: { systemInstruction: params.system } } : {}),
    });
    if (!call.ok) return call;
    if (answer.kind === 'text') return ok({ outputs: { text: call.value.text, items: [call.value.text] } });
    const items = parseListAnswer(call.value.text, answer.maxItems);
    if (!items.ok) return items;
    return ok({ outputs: { text: items.value.join('\n'), items: items.value } });
  },
});
