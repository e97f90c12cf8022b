import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import { type ImageValue, isImageValue } from '../../src/engine/values';

export const CollectParams = lazySchema(() =>
  z.strictObject({
    /** Between texts when the elements are text. */
    separator: z.string().max(1000).default('\n'),
  }),
);
export type CollectParams = z.infer<ReturnType<typeof CollectParams>>;

export const collectNode = defineNode<CollectParams>({
  type: 'collect',
  version: 1,
  title: 'Collect',
  description:
    'Every element of a many value at once: images as one list (a grid, all variations as one set), texts joined.',
  callsModel: false,
  inputs: { items: port('any', { whole: true, label: 'items' }) },
  outputs: { list: port('any', { label: 'list' }) },
  get params() {
    return CollectParams();
  },
  run: async ({ params, inputs }) => {
    const items = (Array.isArray(inputs.items) ? inputs.items : []) as Array<string | ImageValue>;
    const images = items.filter(isImageValue);
    if (images.length === items.length && images.length > 0) return ok({ outputs: { list: images } });
    const texts = items.filter((item): item is string => typeof item === 'string');
    if (texts.length === items.length) return ok({ outputs: { list: texts.join(params.separator) } });
    return err(peelError('invalid_input', 'Collect takes images or texts, not both at once'));
  },
});
