import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { isImageValue } from '../../src/engine/values';
import { firstImage, HEX_COLOUR, parseHexColour, runImageTool } from '../shared/image-tool';
import { StrokesSchema, toDrawStrokes } from '../shared/strokes';

const side = z.number().int().min(16, 'at least 16 px').max(4096, 'at most 4096 px');

export const SketchParams = lazySchema(() =>
  z.strictObject({
    width: side.default(1024),
    height: side.default(1024),
    background: z.string().regex(HEX_COLOUR, 'a colour like #ffffff').default('#ffffff'),
    strokes: StrokesSchema(),
  }),
);
export type SketchParams = z.infer<ReturnType<typeof SketchParams>>;

export const sketchNode = defineNode<SketchParams>({
  type: 'sketch',
  version: 1,
  title: 'Sketch',
  description: 'Draw a rough layout freehand (pen, eraser, colours), alone or over an image.',
  callsModel: false,
  cachesOutputs: true,
  inputs: { image: port('image', { optional: true }) },
  outputs: { image: port('image') },
  get params() {
    return SketchParams();
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const image = isImageValue(inputs.image) ? inputs.image : undefined;
    const out = await runImageTool(
      imageOps,
      {
        op: 'draw',
        width: params.width,
        height: params.height,
        background: parseHexColour(params.background) ?? [255, 255, 255, 255],
        ...(image ? { image } : {}),
        strokes: toDrawStrokes(params.strokes),
        mask: false,
      },
      signal,
    );
    if (!out.ok) return out;
    const first = firstImage(out.value);
    return first.ok ? ok({ outputs: { image: first.value } }) : first;
  },
});
