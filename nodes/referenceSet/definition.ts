import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode, type ManyOutputInfo } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import type { ImageValue, NodeOutputs } from '../../src/engine/values';

export const ReferenceImage = lazySchema(() =>
  z.strictObject({
    name: z.string().min(1).max(200),
    mimeType: z.enum(
      ['image/png', 'image/jpeg', 'image/webp'],
      'must be image/png, image/jpeg or image/webp',
    ),
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 content hash'),
  }),
);
export type ReferenceImage = z.infer<ReturnType<typeof ReferenceImage>>;

export const ReferenceSetParams = lazySchema(() =>
  z.strictObject({
    images: z.array(ReferenceImage()).max(64, 'a reference set holds at most 64 images').default([]),
    /** One run per image: `images` is a *many* of one-image sets (each SKU photo drives its own scenes). */
    each: z.boolean().default(false),
  }),
);

/** A file name without its extension, for `{item}` in export names. */
const stemOf = (name: string): string => name.replace(/\.[A-Za-z0-9]{1,5}$/, '');
export type ReferenceSetParams = z.infer<ReturnType<typeof ReferenceSetParams>>;

export const referenceSetNode = defineNode<ReferenceSetParams>({
  type: 'referenceSet',
  version: 1,
  title: 'Reference set',
  description: 'Images that keep a subject, product or style consistent.',
  callsModel: false,
  inputs: {},
  outputs: {
    images: port('image[]', { many: true }),
    image: port('image', { label: 'first image' }),
  },
  get params() {
    return ReferenceSetParams();
  },
  // With `each`, a reader gets one image per element.
  outputCounts: (params) => ({
    images: params.each ? Math.min(1, params.images.length) : params.images.length,
  }),
  manyOutputs: (params): Record<string, ManyOutputInfo> =>
    params.each
      ? { images: { count: params.images.length, labels: params.images.map((image) => stemOf(image.name)) } }
      : {},
  run: async ({ params, loadAsset, node }) => {
    const images: ImageValue[] = [];
    for (const ref of params.images) {
      const image = await loadAsset(ref.hash);
      if (!image) {
        const hint = node.exposeAs ? ` (supply it with --input ${node.exposeAs}=path/to/${ref.name})` : '';
        return err(
          peelError('missing_input', `reference image "${ref.name}" is not in this workflow file${hint}`),
        );
      }
      images.push(image);
    }
    const outputs: NodeOutputs = { images };
    // The `image` output is the set's first image, for single-image inputs.
    if (images[0]) outputs.image = images[0];
    return ok({ outputs });
  },
});
