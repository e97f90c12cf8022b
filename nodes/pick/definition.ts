import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { err, ok, peelError } from '../../src/engine/result';
import type { PortValue } from '../../src/engine/values';

export const PickParams = lazySchema(() =>
  z.strictObject({
    /** From 1, as the strip of thumbnails counts. */
    index: z.number().int().min(1, 'the index counts from 1').max(10_000).default(1),
  }),
);
export type PickParams = z.infer<ReturnType<typeof PickParams>>;

export const pickNode = defineNode<PickParams>({
  type: 'pick',
  version: 1,
  title: 'Pick',
  description: 'One element of a many value (e.g. the best of N variations), chosen by its index from 1.',
  callsModel: false,
  inputs: { items: port('any', { whole: true, label: 'items' }) },
  outputs: { item: port('any', { label: 'item' }) },
  get params() {
    return PickParams();
  },
  // Past the most items that can arrive the run could only fail here, after paying upstream.
  checkArriving: (params, arriving) => {
    const items = arriving.items;
    if (!items || params.index <= items.most) return [];
    const most = `${items.exact ? '' : 'at most '}${items.most} item${items.most === 1 ? '' : 's'}`;
    return [
      peelError(
        'invalid_params',
        `index ${params.index} is past the end: ${most} can arrive; choose 1 to ${Math.max(1, items.most)}`,
        { path: '.index' },
      ),
    ];
  },
  run: async ({ params, inputs }) => {
    const items = Array.isArray(inputs.items) ? (inputs.items as PortValue[]) : [];
    const item = items[params.index - 1];
    if (item === undefined) {
      return err(
        peelError(
          'invalid_input',
          `index ${params.index} is past the end: ${items.length} item${items.length === 1 ? '' : 's'} arrived; choose 1 to ${Math.max(1, items.length)}`,
        ),
      );
    }
    return ok({ outputs: { item } });
  },
});
