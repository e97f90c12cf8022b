import { describe, expect, it } from 'vitest';
import { bypassOutputs } from '../../../src/engine/bypass';
import type { PortSpec, PortType } from '../../../src/engine/ports';
import type { ImageValue } from '../../../src/engine/values';

const picture = (hash: string): ImageValue => ({ bytes: new Uint8Array([1]), mimeType: 'image/png', hash });
const ports = (types: Record<string, PortType>): Record<string, PortSpec> =>
  Object.fromEntries(Object.entries(types).map(([name, type]) => [name, { type }]));
const definition = (inputs: Record<string, PortType>, outputs: Record<string, PortType>) => ({
  inputs: ports(inputs),
  outputs: ports(outputs),
});

describe('bypassOutputs', () => {
  it('passes through the first input of the same type that has a value, in the order inputs are listed', () => {
    const def = definition(
      { caption: 'text', base: 'image', style: 'image' },
      { image: 'image', text: 'text' },
    );
    const a = picture('a');
    const b = picture('b');
    expect(bypassOutputs(def, { caption: 'hi', base: a, style: b })).toStrictEqual({ image: a, text: 'hi' });
    expect(bypassOutputs(def, { caption: 'hi', style: b })).toStrictEqual({ image: b, text: 'hi' });
  });

  it('makes an image[] output a one-image list of the first image input', () => {
    const def = definition({ caption: 'text', base: 'image' }, { images: 'image[]' });
    const a = picture('a');
    expect(bypassOutputs(def, { caption: 'hi', base: a })).toStrictEqual({ images: [a] });
  });

  it('makes an image output the first image of the first image[] input', () => {
    const def = definition({ caption: 'text', refs: 'image[]' }, { image: 'image' });
    const a = picture('a');
    const b = picture('b');
    expect(bypassOutputs(def, { caption: 'hi', refs: [b, a] })).toStrictEqual({ image: b });
    expect(bypassOutputs(def, { caption: 'hi', refs: [] })).toStrictEqual({});
  });

  it('prefers an image[] input for an image[] output', () => {
    const def = definition({ base: 'image', refs: 'image[]' }, { images: 'image[]' });
    const a = picture('a');
    const b = picture('b');
    expect(bypassOutputs(def, { base: a, refs: [b] })).toStrictEqual({ images: [b] });
  });

  it('leaves an output with no usable input out entirely', () => {
    const def = definition(
      { caption: 'text', base: 'image' },
      { images: 'image[]', image: 'image', text: 'text' },
    );
    expect(bypassOutputs(def, {})).toStrictEqual({});
    // An image input holding text (a malformed value) passes through as it is, but no list is made of it.
    const malformed = bypassOutputs(def, { base: 'not an image' as unknown as ImageValue });
    expect(Object.keys(malformed)).toEqual(['image']);
  });
});
