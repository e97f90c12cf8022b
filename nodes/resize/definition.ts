import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { firstImage, HEX_COLOUR, parseHexColour, requireImage, runImageTool } from '../shared/image-tool';

const side = z.number().int('a whole number of pixels').min(1).max(16_384, 'at most 16384 px');

export const ResizeParams = lazySchema(() =>
  z.strictObject({
    width: side.optional(),
    height: side.optional(),
    aspectRatio: z
      .string()
      .regex(/^\d+(\.\d+)?:\d+(\.\d+)?$/, 'write it as width:height, e.g. 4:5')
      .optional(),
    fit: z.enum(['cover', 'contain', 'fill']).default('cover'),
    /** Padding colour for `contain` (#rrggbb or #rrggbbaa); default transparent, white for JPEG. */
    background: z.string().regex(HEX_COLOUR, 'a colour like #ffffff or #00000000').optional(),
  }),
);
export type ResizeParams = z.infer<ReturnType<typeof ResizeParams>>;

export const resizeNode = defineNode<ResizeParams>({
  type: 'resize',
  version: 1,
  title: 'Resize',
  description: 'Scale an image to a size or shape: cover crops to fill, contain pads, fill stretches.',
  callsModel: false,
  cachesOutputs: true,
  inputs: { image: port('image') },
  outputs: { image: port('image') },
  get params() {
    return ResizeParams();
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const image = requireImage(inputs.image, 'image');
    if (!image.ok) return image;
    const background = params.background ? parseHexColour(params.background) : undefined;
    const out = await runImageTool(
      imageOps,
      {
        op: 'resize',
        image: image.value,
        width: params.width,
        height: params.height,
        aspectRatio: params.aspectRatio,
        fit: params.fit,
        ...(background ? { background } : {}),
      },
      signal,
    );
    if (!out.ok) return out;
    const first = firstImage(out.value);
    return first.ok ? ok({ outputs: { image: first.value } }) : first;
  },
});
