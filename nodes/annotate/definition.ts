import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import { requireImage, runImageTool } from '../shared/image-tool';
import { LabelsSchema, toDrawLabels } from '../shared/labels';
import { StrokesSchema, toDrawStrokes } from '../shared/strokes';

export const AnnotateParams = lazySchema(() =>
  z.strictObject({
    /** Width of the surface the strokes were drawn on; they scale to the image's width. */
    width: z.number().int().min(16).max(4096).default(1024),
    strokes: StrokesSchema(),
    /** Short text labels, drawn over the strokes with the bundled font (same pixels in CLI and editor). */
    labels: LabelsSchema(),
  }),
);
export type AnnotateParams = z.infer<ReturnType<typeof AnnotateParams>>;

export const annotateNode = defineNode<AnnotateParams>({
  type: 'annotate',
  version: 1,
  title: 'Annotate',
  description:
    'Circle, box, point at or label what to change before an Edit; also gives a mask of the marks.',
  callsModel: false,
  cachesOutputs: true,
  inputs: { image: port('image') },
  outputs: { image: port('image'), mask: port('image') },
  get params() {
    return AnnotateParams();
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const image = requireImage(inputs.image, 'image');
    if (!image.ok) return image;
    const out = await runImageTool(
      imageOps,
      {
        op: 'draw',
        width: params.width,
        height: params.width,
        background: [0, 0, 0, 0],
        image: image.value,
        strokes: toDrawStrokes(params.strokes),
        labels: toDrawLabels(params.labels),
        mask: true,
      },
      signal,
    );
    if (!out.ok) return out;
    const [annotated, mask] = out.value;
    if (!annotated || !mask) return err(peelError('internal', 'annotate returned no mask'));
    return ok({ outputs: { image: annotated, mask } });
  },
});
