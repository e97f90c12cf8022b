import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok } from '../../src/engine/result';
import { requireImage } from '../shared/image-tool';

export const CompareParams = lazySchema(() =>
  z.strictObject({
    /** How the editor shows the two images; nothing is computed from it. */
    mode: z.enum(['slider', 'side-by-side', 'difference']).default('slider'),
    /** Where the wipe sits, 0 (all b) .. 1 (all a). */
    split: z.number().min(0).max(1).default(0.5),
  }),
);
export type CompareParams = z.infer<ReturnType<typeof CompareParams>>;

export const compareNode = defineNode<CompareParams>({
  type: 'compare',
  version: 1,
  title: 'Compare',
  description: 'Look at two images together: a wipe slider, side by side, or their difference.',
  callsModel: false,
  inputs: { a: port('image'), b: port('image') },
  outputs: {},
  get params() {
    return CompareParams();
  },
  // The comparison is a view in the editor; the run only checks both images arrived.
  run: async ({ inputs }) => {
    const a = requireImage(inputs.a, 'a');
    if (!a.ok) return a;
    const b = requireImage(inputs.b, 'b');
    if (!b.ok) return b;
    return ok({ outputs: {} });
  },
});
