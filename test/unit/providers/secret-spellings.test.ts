/**
 * secretSpellings on its own: nothing but real spellings of the key (a wrong extra spelling would
 * redact innocent text), the `+`-for-space URL form that keeps `!` as is, and keys holding a lone
 * surrogate (which cannot travel URL- or base64-encoded, so only their plain and JSON forms count).
 */
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/providers/redact';
import { secretSpellings } from '../../../src/providers/secret-spellings';

/** Standard and URL-safe base64 of the key after 0, 1 and 2 other bytes, with 2 bytes after it. */
function base64Around(key: string): string[] {
  return [0, 1, 2].flatMap((before) => {
    const bytes = Buffer.concat([Buffer.alloc(before, 0x7a), Buffer.from(key), Buffer.from('zz')]);
    const standard = bytes.toString('base64');
    return [standard, bytes.toString('base64url')];
  });
}

describe('secretSpellings', () => {
  it('a plain key of 8+ bytes: itself and pieces of its base64 at each alignment, nothing else', () => {
    const key = 'abcdefgh';
    const spellings = secretSpellings(key);
    const encodings = base64Around(key);
    for (const spelling of spellings) {
      expect(spelling === key || encodings.some((encoding) => encoding.includes(spelling))).toBe(true);
    }
    // The key itself plus one piece per alignment (this key's base64 has no + or /, so the URL-safe
    // pieces are the same strings).
    expect(spellings).toHaveLength(4);
    expect(spellings[0]).toBe(key);
  });

  it('a space URL-encoded as + while ! stays as encodeURIComponent leaves it', () => {
    const key = 'a b!c';
    expect(secretSpellings(key)).toContain('a+b!c');
    expect(redactSecrets('q=a+b!c&r=1', [key])).toBe('q=[redacted]&r=1');
    expect(redactSecrets('q=ab!c&r=1', [key])).toBe('q=ab!c&r=1');
  });

  it('a key with a lone surrogate: its plain and JSON-escaped spellings only (no URL or base64 forms)', () => {
    const key = '\uD800abcdefgh';
    const spellings = secretSpellings(key);
    expect(spellings).toContain(key);
    expect(spellings).toContain('\\ud800abcdefgh');
    for (const spelling of spellings) expect(spelling.endsWith('abcdefgh')).toBe(true);
  });
});
