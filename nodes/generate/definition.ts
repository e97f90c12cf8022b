import { z } from 'zod';
import { estimateCallUsd } from '../../src/engine/cost';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import { type ImageValue, imagesOf } from '../../src/engine/values';
import { combineField } from '../shared/combine';
import { imagesWithConversation } from '../shared/conversation';
import { callOptionsFrom, modelFeatureFields } from '../shared/model-features';
import {
  aspectRatioField,
  checkModelParams,
  checkReferenceCount,
  imageSizeField,
  modelField,
} from '../shared/model-params';

export const GenerateParams = z.strictObject({
  model: modelField,
  aspectRatio: aspectRatioField,
  imageSize: imageSizeField,
  avoid: z.string().max(10_000).optional(),
  variations: z.number().int().min(1).max(8).default(1),
  combine: combineField,
  ...modelFeatureFields,
});
export type GenerateParams = z.infer<typeof GenerateParams>;

/** Gemini has no negative prompt; what to avoid travels in the prompt itself. */
export function promptWithAvoid(prompt: string, avoid: string | undefined): string {
  const trimmed = avoid?.trim();
  return trimmed ? `${prompt}\n\nAvoid: ${trimmed}` : prompt;
}

export const generateNode = defineNode<GenerateParams>({
  type: 'generate',
  version: 1,
  title: 'Generate',
  description: 'Text (and optional reference images) to image with a Gemini image model.',
  callsModel: true,
  inputs: { prompt: port('text'), references: port('image[]', { optional: true }) },
  outputs: {
    image: port('image'),
    images: port('image[]'),
    text: port('text'),
    variants: port('image', { many: true, label: 'variants' }),
  },
  params: GenerateParams,
  // The variations again, as a many value: a node reading it runs once per variation (Pick takes one).
  manyOutputs: (params) => ({ variants: { count: params.variations } }),
  check: (params, context) => {
    const problems = checkModelParams(params);
    // A count known from the file (reference sets) is checked now, before any call.
    const known = context.knownInputCounts.get('references');
    const tooMany = known === undefined ? undefined : checkReferenceCount(params.model, known);
    if (tooMany) problems.push(tooMany);
    return problems;
  },
  estimate: (params, context) => {
    const perCall = estimateCallUsd({
      model: params.model,
      imageSize: params.imageSize,
      promptChars: context.promptChars + (params.avoid?.length ?? 0),
      inputImages: context.inputImages,
      thinkingLevel: params.thinkingLevel,
      grounded: params.googleSearch === true || params.imageSearch === true,
    });
    return { calls: params.variations, usd: perCall === null ? null : perCall * params.variations };
  },
  run: async ({ params, inputs, callModel }) => {
    const prompt = typeof inputs.prompt === 'string' ? inputs.prompt : '';
    if (prompt.trim() === '') return err(peelError('invalid_input', 'the prompt is empty'));
    const references = imagesOf(inputs.references);
    const tooMany = checkReferenceCount(params.model, references.length);
    if (tooMany) return err(tooMany);
    const request = {
      model: params.model,
      prompt: promptWithAvoid(prompt, params.avoid),
      references,
      aspectRatio: params.aspectRatio,
      imageSize: params.imageSize,
      options: callOptionsFrom(params),
    };
    const calls = await Promise.all(Array.from({ length: params.variations }, () => callModel(request)));
    const images: ImageValue[] = [];
    const texts: string[] = [];
    for (const call of calls) {
      if (!call.ok) return call;
      images.push(...imagesWithConversation([], call.value));
      if (call.value.text) texts.push(call.value.text);
    }
    const first = images[0];
    if (!first) return err(peelError('no_image', 'the model returned no image'));
    return ok({ outputs: { image: first, images, text: texts.join('\n'), variants: images } });
  },
});
