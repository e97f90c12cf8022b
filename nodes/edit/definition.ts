import { z } from 'zod';
import { estimateCallUsd } from '../../src/engine/cost';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import { imagesOf, isImageValue } from '../../src/engine/values';
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

export const EditParams = z.strictObject({
  model: modelField,
  instruction: z.string().max(100_000).optional(),
  aspectRatio: aspectRatioField,
  imageSize: imageSizeField,
  continueConversation: z.boolean().default(true),
  combine: combineField,
  ...modelFeatureFields,
});
export type EditParams = z.infer<typeof EditParams>;

export const editNode = defineNode<EditParams>({
  type: 'edit',
  version: 1,
  title: 'Edit',
  description: 'Change an image with an instruction, continuing the conversation that made it.',
  callsModel: true,
  inputs: {
    image: port('image'),
    instruction: port('text', { optional: true }),
    references: port('image[]', { optional: true }),
  },
  outputs: { image: port('image'), text: port('text') },
  params: EditParams,
  check: (params, context) => {
    const problems = checkModelParams(params);
    if (!context.connectedInputs.has('instruction') && !params.instruction?.trim()) {
      problems.push(
        peelError('invalid_params', 'write an instruction or connect a Prompt to "instruction"', {
          path: '.instruction',
        }),
      );
    }
    // Known from the file: the reference sets, plus the edited image unless a conversation
    // continues (then it may travel as history instead, so it is not counted: never a false alarm).
    const known = context.knownInputCounts.get('references');
    const tooMany =
      known === undefined
        ? undefined
        : checkReferenceCount(params.model, known + (params.continueConversation ? 0 : 1));
    if (tooMany) problems.push(tooMany);
    return problems;
  },
  estimate: (params, context) => {
    const usd = estimateCallUsd({
      model: params.model,
      imageSize: params.imageSize,
      promptChars: params.instruction?.length ?? context.promptChars,
      // At least the image being edited; a continued conversation replays earlier ones too.
      inputImages: Math.max(1, context.inputImages),
      thinkingLevel: params.thinkingLevel,
      grounded: params.googleSearch === true || params.imageSearch === true,
    });
    return { calls: 1, usd };
  },
  run: async ({ params, inputs, callModel }) => {
    const image = inputs.image;
    if (!isImageValue(image)) return err(peelError('missing_input', 'no image arrived on "image"'));
    const instruction =
      typeof inputs.instruction === 'string' ? inputs.instruction : (params.instruction ?? '');
    if (instruction.trim() === '') return err(peelError('invalid_input', 'the edit instruction is empty'));
    const extra = imagesOf(inputs.references);
    const history = params.continueConversation ? image.conversation : undefined;
    // Without a conversation to continue, the image travels as the first reference.
    const references = history ? extra : [image, ...extra];
    const tooMany = checkReferenceCount(params.model, references.length);
    if (tooMany) return err(tooMany);
    const call = await callModel({
      model: params.model,
      prompt: instruction,
      references,
      aspectRatio: params.aspectRatio,
      imageSize: params.imageSize,
      history,
      options: callOptionsFrom(params),
    });
    if (!call.ok) return call;
    const [first] = imagesWithConversation(history ?? [], call.value);
    if (!first) return err(peelError('no_image', 'the model returned no image'));
    return ok({ outputs: { image: first, text: call.value.text } });
  },
});
