import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseDefined, parseParams } from '../../../src/engine/parse-params';

/** A schema that counts how often it really parses. */
function countingSchema() {
  const counter = { parses: 0 };
  const schema = z.object({ text: z.string(), tags: z.array(z.string()).default([]) }).transform((value) => {
    counter.parses++;
    return value;
  });
  return { schema, counter };
}

const deepFreeze = <T>(value: T): T => {
  if (value !== null && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
};

describe('parseParams', () => {
  it('parses params frozen all the way down once per schema, and hands back frozen data', () => {
    const { schema, counter } = countingSchema();
    const params = deepFreeze({ text: 'a cat', tags: ['x'] });
    const first = parseParams(schema, params);
    const second = parseParams(schema, params);
    expect(counter.parses).toBe(1);
    expect(second).toBe(first);
    expect(first.success && first.data).toEqual({ text: 'a cat', tags: ['x'] });
    expect(first.success && Object.isFrozen(first.data.tags)).toBe(true);
    // Another schema (another node type) over the same object parses for itself.
    const other = countingSchema();
    parseParams(other.schema, params);
    expect(other.counter.parses).toBe(1);
  });

  it('parses params that could change every time: not frozen, or frozen only on top', () => {
    const { schema, counter } = countingSchema();
    const loose = { text: 'a cat' };
    parseParams(schema, loose);
    loose.text = 'a dog';
    const again = parseParams(schema, loose);
    expect(again.success && again.data.text).toBe('a dog');
    const tags = ['x'];
    const shallow = Object.freeze({ text: 'a cat', tags });
    parseParams(schema, shallow);
    tags.push('y');
    const changed = parseParams(schema, shallow);
    expect(changed.success && changed.data.tags).toEqual(['x', 'y']);
    expect(counter.parses).toBe(4);
  });

  it('keeps failures too, and parses what is not an object as it is', () => {
    const { schema } = countingSchema();
    const bad = deepFreeze({ text: 3 });
    expect(parseParams(schema, bad).success).toBe(false);
    expect(parseParams(schema, bad)).toBe(parseParams(schema, bad));
    expect(parseParams(z.string(), 'plain')).toMatchObject({ success: true, data: 'plain' });
    expect(parseParams(schema, null).success).toBe(false);
  });

  it('parseDefined: nothing for a node without a definition', () => {
    expect(parseDefined(undefined, { text: 'x' })).toBeUndefined();
    expect(parseDefined({ params: z.object({ text: z.string() }) }, { text: 'x' })?.success).toBe(true);
  });
});
