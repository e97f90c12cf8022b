import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import { ReferenceImage } from '../referenceSet/definition';
import { firstImage, runImageTool } from '../shared/image-tool';

export const ImageInputParams = lazySchema(() =>
  z.strictObject({
    image: ReferenceImage().optional(),
  }),
);
export type ImageInputParams = z.infer<ReturnType<typeof ImageInputParams>>;

export const imageInputNode = defineNode<ImageInputParams>({
  type: 'imageInput',
  version: 1,
  title: 'Image',
  description: 'One image from a file: a logo, a product shot, a sketch to start from.',
  callsModel: false,
  cachesOutputs: true,
  inputs: {},
  outputs: { image: port('image') },
  get params() {
    return ImageInputParams();
  },
  check: (params) =>
    params.image ? [] : [peelError('invalid_params', 'choose an image for this node', { path: '.image' })],
  run: async ({ params, loadAsset, node, imageOps, signal }) => {
    const ref = params.image;
    if (!ref) return err(peelError('missing_input', 'no image chosen'));
    const image = await loadAsset(ref.hash);
    if (!image) {
      const hint = node.exposeAs ? ` (supply it with --input ${node.exposeAs}=path/to/${ref.name})` : '';
      return err(peelError('missing_input', `image "${ref.name}" is not in this workflow file${hint}`));
    }
    // A phone photo stored sideways (EXIF orientation) comes out upright.
    const upright = await runImageTool(imageOps, { op: 'normalize', image }, signal);
    if (!upright.ok) return upright;
    const first = firstImage(upright.value);
    return first.ok ? ok({ outputs: { image: first.value } }) : first;
  },
});
