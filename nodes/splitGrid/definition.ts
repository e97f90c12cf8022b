import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { requireImage, runImageTool } from '../shared/image-tool';

const count = z.number().int('a whole number').min(1, 'at least 1').max(8, 'at most 8');

export const SplitGridParams = lazySchema(() =>
  z.strictObject({
    rows: count.default(2),
    cols: count.default(2),
  }),
);
export type SplitGridParams = z.infer<ReturnType<typeof SplitGridParams>>;

export const splitGridNode = defineNode<SplitGridParams>({
  type: 'splitGrid',
  version: 1,
  title: 'Split grid',
  description: 'Cut a contact sheet into its cells, row by row.',
  callsModel: false,
  cachesOutputs: true,
  inputs: { image: port('image') },
  // A list output until list semantics land: `images` feeds any image[] input.
  outputs: { images: port('image[]') },
  get params() {
    return SplitGridParams();
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const image = requireImage(inputs.image, 'image');
    if (!image.ok) return image;
    const out = await runImageTool(
      imageOps,
      { op: 'splitGrid', image: image.value, rows: params.rows, cols: params.cols },
      signal,
    );
    if (!out.ok) return out;
    return ok({ outputs: { images: out.value } });
  },
});
