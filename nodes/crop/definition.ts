import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok, peelError } from '../../src/engine/result';
import { firstImage, requireImage, runImageTool } from '../shared/image-tool';

const fraction = z.number().min(0, 'a fraction from 0 to 1').max(1, 'a fraction from 0 to 1');
/** Rounding in a dragged box must not make 0.3 + 0.7 fail. */
const SLACK = 1e-6;

export const CropParams = lazySchema(() =>
  z.strictObject({
    x: fraction.default(0),
    y: fraction.default(0),
    width: fraction.default(1),
    height: fraction.default(1),
  }),
);
export type CropParams = z.infer<ReturnType<typeof CropParams>>;

export const cropNode = defineNode<CropParams>({
  type: 'crop',
  version: 1,
  title: 'Crop',
  description: 'Keep a box of the image (fractions of its width and height).',
  callsModel: false,
  cachesOutputs: true,
  inputs: { image: port('image') },
  outputs: { image: port('image') },
  get params() {
    return CropParams();
  },
  check: (params) => {
    const problems = [];
    if (params.width <= 0 || params.height <= 0)
      problems.push(peelError('invalid_params', 'the crop box is empty', { path: '.width' }));
    if (params.x + params.width > 1 + SLACK)
      problems.push(
        peelError('invalid_params', 'x + width goes past the right edge (at most 1)', { path: '.width' }),
      );
    if (params.y + params.height > 1 + SLACK)
      problems.push(
        peelError('invalid_params', 'y + height goes past the bottom edge (at most 1)', { path: '.height' }),
      );
    return problems;
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const image = requireImage(inputs.image, 'image');
    if (!image.ok) return image;
    const out = await runImageTool(imageOps, { op: 'crop', image: image.value, ...params }, signal);
    if (!out.ok) return out;
    const first = firstImage(out.value);
    return first.ok ? ok({ outputs: { image: first.value } }) : first;
  },
});
