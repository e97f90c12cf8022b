import { z } from 'zod';
import { describeRetirement, retirementOf } from '../../src/engine/catalog';
import { DEFAULT_MODEL, MODEL_ID_PATTERN, modelInfo, selectableModels } from '../../src/engine/models';
import { type PeelError, peelError } from '../../src/engine/result';
import { checkFeatures, type ModelFeatureParams } from './model-features';

export const modelField = z
  .string()
  .regex(MODEL_ID_PATTERN, `must be a Gemini model id such as ${DEFAULT_MODEL}`)
  .default(DEFAULT_MODEL);
export const aspectRatioField = z
  .string()
  .regex(/^\d{1,2}:\d{1,2}$/, 'must look like 16:9')
  .optional();
export const imageSizeField = z.enum(['512', '1K', '2K', '4K']).optional();

/** Catalog limits that a schema cannot express: checked before any call. */
export function checkModelParams(
  params: {
    model: string;
    aspectRatio?: string | undefined;
    imageSize?: string | undefined;
  } & ModelFeatureParams,
): PeelError[] {
  const retired = retirementOf(params.model);
  // A retired model is named with its date and replacement; nothing is ever swapped silently.
  if (retired) return [peelError('model_retired', describeRetirement(retired), { path: '.model' })];
  const model = modelInfo(params.model);
  if (!model) return [];
  const problems: PeelError[] = [];
  if (params.aspectRatio !== undefined && !model.aspectRatios.includes(params.aspectRatio)) {
    problems.push(
      peelError(
        'invalid_params',
        `${model.id} does not offer aspect ratio ${params.aspectRatio}; choose one of ${model.aspectRatios.join(', ')}`,
        { path: '.aspectRatio' },
      ),
    );
  }
  if (params.imageSize !== undefined && !(model.imageSizes as readonly string[]).includes(params.imageSize)) {
    problems.push(
      peelError(
        'invalid_params',
        `${model.id} does not offer image size ${params.imageSize}; choose one of ${model.imageSizes.join(', ')}`,
        { path: '.imageSize' },
      ),
    );
  }
  problems.push(...checkFeatures(model.id, model.catalog.capabilities, params));
  return problems;
}

export function checkReferenceCount(modelId: string, count: number): PeelError | undefined {
  const model = modelInfo(modelId);
  if (!model || count <= model.maxReferenceImages) return undefined;
  // Suggest another model only when one takes more than this one (never the model already chosen).
  const roomier = selectableModels()
    .filter((other) => other.maxReferenceImages > model.maxReferenceImages)
    .sort((a, b) => b.maxReferenceImages - a.maxReferenceImages)[0];
  const advice = roomier
    ? `remove some, or pick a model that takes more (${roomier.displayName} takes up to ${roomier.maxReferenceImages})`
    : `remove ${count - model.maxReferenceImages}`;
  return peelError(
    'invalid_input',
    `${count} reference images, but ${model.id} takes at most ${model.maxReferenceImages} per request; ${advice}`,
  );
}
