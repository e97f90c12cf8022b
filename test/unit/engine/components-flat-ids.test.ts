import { describe, expect, it } from 'vitest';
import { flatIdsOf } from '../../../src/engine/components/flat-ids';

describe('flatIdsOf', () => {
  it('replaces an instance id by the flat ids inside it and keeps other ids, in order', () => {
    const flat = ['p', 'a/gen', 'a/@subject', 'ab/gen', 'b/gen', 'out'];
    expect(flatIdsOf(['a', 'p', 'gen[2]', 'b/gen', 'ghost'], flat)).toEqual([
      'a/gen',
      'a/@subject',
      'p',
      'gen[2]',
      'b/gen',
      'ghost',
    ]);
    expect(flatIdsOf([], flat)).toEqual([]);
  });
});
