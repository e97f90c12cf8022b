/**
 * The redactor's module-level constants, one test each. Stryker 9.6.1 with vitest 4 cannot switch
 * on a mutant of code that runs while a module loads ("static" mutants, see the README's mutation
 * testing section), so these tests are what guards them: each was checked by making the change
 * named in its comment by hand and seeing the test fail (2026-12-02).
 */
import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../../../src/providers/redact';
import { secretSpellings } from '../../../src/providers/secret-spellings';

// Built at run time so no key-shaped text sits in the tree.
const googleShaped = `AIza${'Bq7-x_'.repeat(6).slice(0, 35)}`;

describe('redaction constants (static mutants)', () => {
  // MARKERS: any entry emptied, or the list emptied, changes what replaces the secret.
  it('the marker is [redacted], then [hidden], then *** when a secret spells the ones before', () => {
    expect(redactSecrets('a key-1234 b', ['key-1234'])).toBe('a [redacted] b');
    expect(redactSecrets('a redacted b', ['redacted'])).toBe('a [hidden] b');
    expect(redactSecrets('a redacted hidden b', ['redacted', 'hidden'])).toBe('a *** *** b');
  });

  // GOOGLE_KEY_SHAPE: without `{35}` only "AIza" and one character would be hidden.
  it('a Google-shaped key that is not the caller’s is hidden whole', () => {
    expect(googleShaped).toHaveLength(39);
    expect(redactSecrets(`quota for ${googleShaped}: exceeded`, [])).toBe('quota for [redacted]: exceeded');
  });

  // KEY_QUERY: matching one character of the value (no `+`) would leave the rest of the key.
  it('a key in a URL query is hidden up to the next query separator', () => {
    expect(redactSecrets('GET https://host/v1/models?alt=sse&key=abc123XYZ&x=1', [])).toBe(
      'GET https://host/v1/models?alt=sse&key=[redacted]&x=1',
    );
    expect(redactSecrets('POST /v1?key=abc123XYZ', [])).toBe('POST /v1?key=[redacted]');
  });

  // KEY_HEADER: requiring a quote after the header name would miss the plain `name: value` dump.
  it('the key header written out without quotes is hidden', () => {
    expect(redactSecrets('x-goog-api-key: abc123XYZ\nhost: example', [])).toBe(
      'x-goog-api-key: [redacted]\nhost: example',
    );
  });

  // jsonEscaped: returning nothing would drop the JSON-escaped spelling (and break the ASCII ones).
  it('a key with a quote and a backslash is hidden in its JSON-escaped spelling', () => {
    const key = 'my"secret\\key';
    const escaped = 'my\\"secret\\\\key';
    expect(secretSpellings(key)).toContain(escaped);
    expect(redactSecrets(`{"error":{"message":"bad key ${escaped}"}}`, [key])).toBe(
      '{"error":{"message":"bad key [redacted]"}}',
    );
  });
});
