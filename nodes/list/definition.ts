import { z } from 'zod';
import { lazySchema } from '../../src/engine/lazy-schema';
import { defineNode } from '../../src/engine/node-definition';
import { port } from '../../src/engine/ports';
import { ok, peelError } from '../../src/engine/result';

export const MAX_LIST_ITEMS = 1000;

export const ListParams = lazySchema(() =>
  z.strictObject({
    items: z
      .array(z.string().max(10_000, 'a list item holds at most 10,000 characters'))
      .max(MAX_LIST_ITEMS, `a list holds at most ${MAX_LIST_ITEMS} items`)
      .default([]),
  }),
);
export type ListParams = z.infer<ReturnType<typeof ListParams>>;

/** One item per line (blank lines dropped): what the editor's text box and a pasted column become. */
export function itemsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/\t.*$/, '').trim())
    .filter((line) => line !== '');
}

export const listNode = defineNode<ListParams>({
  type: 'list',
  version: 1,
  title: 'List',
  description: 'Several texts (one per line); a node reading it runs once per item.',
  callsModel: false,
  inputs: {},
  outputs: { items: port('text', { many: true, label: 'items' }) },
  get params() {
    return ListParams();
  },
  manyOutputs: (params) => ({ items: { count: params.items.length, labels: params.items } }),
  check: (params) =>
    params.items.length === 0
      ? [peelError('invalid_params', 'the list is empty: add one item per line', { path: '.items' })]
      : [],
  run: async ({ params }) => ok({ outputs: { items: [...params.items] } }),
});
