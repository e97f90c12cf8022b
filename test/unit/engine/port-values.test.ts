import { describe, expect, it } from 'vitest';
import { type ImageValue, imagesOf, isImageValue, textsOf } from '../../../src/engine/values';

const imageOf = (seed: number): ImageValue => ({
  bytes: new Uint8Array([seed]),
  mimeType: 'image/png',
  hash: String(seed).repeat(64),
});

describe('isImageValue', () => {
  it('accepts an object with bytes and a hash', () => {
    expect(isImageValue(imageOf(1))).toBe(true);
    expect(isImageValue({ bytes: new Uint8Array(), hash: '' })).toBe(true);
  });

  it('refuses an object without Uint8Array bytes or without a string hash', () => {
    expect(isImageValue({ bytes: new Uint8Array([1]) })).toBe(false);
    expect(isImageValue({ bytes: new Uint8Array([1]), hash: 7 })).toBe(false);
    expect(isImageValue({ bytes: [1], hash: 'a' })).toBe(false);
    expect(isImageValue({ hash: 'a' })).toBe(false);
  });

  it('refuses what is not an object: null, text, a number, an array (even one of image fields)', () => {
    expect(isImageValue(null)).toBe(false);
    expect(isImageValue(undefined)).toBe(false);
    expect(isImageValue('image')).toBe(false);
    expect(isImageValue(3)).toBe(false);
    // An array given an image's fields is still a list, not an image.
    const list = Object.assign([imageOf(1)], { bytes: new Uint8Array([1]), hash: 'a' });
    expect(isImageValue(list)).toBe(false);
  });
});

describe('imagesOf', () => {
  it('is one image for an image, and the images of a list, in order', () => {
    const one = imageOf(1);
    const two = imageOf(2);
    expect(imagesOf(one)).toEqual([one]);
    expect(imagesOf([two, one])).toEqual([two, one]);
    expect(imagesOf([])).toEqual([]);
  });

  it('holds none for text, a list of texts, or no value', () => {
    expect(imagesOf('a fox')).toEqual([]);
    expect(imagesOf(['a', 'b'])).toEqual([]);
    expect(imagesOf(undefined)).toEqual([]);
  });
});

describe('textsOf', () => {
  it('is a sequence of one for a single text, and the texts of a list, in order', () => {
    expect(textsOf('a fox')).toEqual(['a fox']);
    expect(textsOf('')).toEqual(['']);
    expect(textsOf(['b', 'a'])).toEqual(['b', 'a']);
  });

  it('holds none for an image, a list of images, or no value', () => {
    expect(textsOf(imageOf(1))).toEqual([]);
    expect(textsOf([imageOf(1), imageOf(2)])).toEqual([]);
    expect(textsOf(undefined)).toEqual([]);
  });
});
