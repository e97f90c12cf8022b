import { describe, expect, it } from 'vitest';
import { freeId, freePortName, idFromName } from '../../../src/engine/components/ids';

describe('idFromName', () => {
  it('joins the letters and digits of a name in camel case', () => {
    expect(idFromName('Scene maker')).toBe('sceneMaker');
    expect(idFromName('  -- Café au lait 2 --  ')).toBe('cafeAuLait2');
  });

  it('cuts the id at 48 characters', () => {
    expect(idFromName('word '.repeat(20))).toBe(`word${'Word'.repeat(11)}`);
  });

  it('falls back when the name has no letter or digit', () => {
    expect(idFromName('')).toBe('component');
    expect(idFromName(' *** ')).toBe('component');
    expect(idFromName('***', 'node')).toBe('node');
  });
});

describe('freeId', () => {
  it('is the base, else the base with the first free number from 2', () => {
    expect(freeId('gen', new Set())).toBe('gen');
    expect(freeId('gen', new Set(['gen']))).toBe('gen-2');
    expect(freeId('gen', new Set(['gen', 'gen-2', 'gen-4']))).toBe('gen-3');
  });
});

describe('freePortName', () => {
  it('is the base, else the base with the first free number from 2, joined by an underscore', () => {
    expect(freePortName('image', new Set())).toBe('image');
    expect(freePortName('image', new Set(['image']))).toBe('image_2');
    expect(freePortName('image', new Set(['image', 'image_2', 'image_4']))).toBe('image_3');
  });
});
