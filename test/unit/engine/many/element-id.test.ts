import { describe, expect, it } from 'vitest';
import { elementBaseOf } from '../../../../src/engine/many/element-id';

describe('elementBaseOf', () => {
  const known = new Set(['gen', 'a[1]x', 'cut[2]']);
  it('names the node of an element id, for one or more coordinates', () => {
    expect(elementBaseOf('gen[1]', known)).toBe('gen');
    expect(elementBaseOf('gen[12,3]', known)).toBe('gen');
    expect(elementBaseOf('gen[1,23,4]', known)).toBe('gen');
  });
  it('is undefined for plain ids, unknown nodes and ids that only look alike', () => {
    for (const id of ['gen', 'other[1]', 'gen[]', 'gen[a]', 'gen[1,]', 'gen[1]x', 'gen(1)', '[1]'])
      expect(elementBaseOf(id, known)).toBeUndefined();
  });
  it('takes the last bracket as the element: a node id may hold brackets itself', () => {
    expect(elementBaseOf('cut[2][1]', known)).toBe('cut[2]');
  });
});
