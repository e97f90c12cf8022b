import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { firstImage, requireImage, runImageTool } from '../shared/image-tool';

export const FormatParams = lazySchema(() =>
  z.strictObject({
    mimeType: z.enum(['image/png', 'image/jpeg', 'image/webp']).default('image/png'),
    /** 1..100 for JPEG and WebP; PNG is lossless and ignores it. */
    quality: z.number().int().min(1, 'at least 1').max(100, 'at most 100').default(90),
  }),
);
export type FormatParams = z.infer<ReturnType<typeof FormatParams>>;

export const formatNode = defineNode<FormatParams>({
  type: 'format',
  version: 1,
  title: 'Format',
  description: 'Re-encode as PNG, JPEG or WebP at a chosen quality.',
  callsModel: false,
  cachesOutputs: true,
  inputs: { image: port('image') },
  outputs: { image: port('image') },
  get params() {
    return FormatParams();
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const image = requireImage(inputs.image, 'image');
    if (!image.ok) return image;
    const out = await runImageTool(
      imageOps,
      { op: 'format', image: image.value, mimeType: params.mimeType, quality: params.quality },
      signal,
    );
    if (!out.ok) return out;
    const first = firstImage(out.value);
    return first.ok ? ok({ outputs: { image: first.value } }) : first;
  },
});
