import { z } from 'zod';
import { ANCHORS } from '../../src/engine/image-ops';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { combineField } from '../shared/combine';
import { firstImage, requireImage, runImageTool } from '../shared/image-tool';

export const CompositeParams = lazySchema(() =>
  z.strictObject({
    anchor: z.enum(ANCHORS).default('bottom-right'),
    /** Moves the overlay right (down) from its anchored place, in fractions of the base's shorter side. */
    offsetX: z.number().min(-1).max(1).default(0),
    offsetY: z.number().min(-1).max(1).default(0),
    /** The overlay's longer side, as a fraction of the base's shorter side. */
    scale: z.number().min(0.01, 'at least 0.01').max(4, 'at most 4').default(0.2),
    opacity: z.number().min(0).max(1).default(1),
    /** Many bases meeting many overlays: every pairing (cross) or element by element (zip). */
    combine: combineField,
  }),
);
export type CompositeParams = z.infer<ReturnType<typeof CompositeParams>>;

export const compositeNode = defineNode<CompositeParams>({
  type: 'composite',
  version: 1,
  title: 'Composite',
  description: 'Place an overlay (a logo, a watermark) on a base image.',
  callsModel: false,
  cachesOutputs: true,
  inputs: { base: port('image'), overlay: port('image') },
  outputs: { image: port('image') },
  get params() {
    return CompositeParams();
  },
  run: async ({ params, inputs, imageOps, signal }) => {
    const base = requireImage(inputs.base, 'base');
    if (!base.ok) return base;
    const overlay = requireImage(inputs.overlay, 'overlay');
    if (!overlay.ok) return overlay;
    const out = await runImageTool(
      imageOps,
      { op: 'composite', base: base.value, overlay: overlay.value, ...params },
      signal,
    );
    if (!out.ok) return out;
    const first = firstImage(out.value);
    return first.ok ? ok({ outputs: { image: first.value } }) : first;
  },
});
export { ANCHORS };
