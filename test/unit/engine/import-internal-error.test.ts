import { describe, expect, it, vi } from 'vitest';
import { importWorkflowBytes, importWorkflowText } from '../../../src/engine/import';

// The parsers return values for any input; a throw would be a bug of theirs. Simulate one to see
// that an import still answers a typed error instead of throwing into the UI or the CLI.
const thrown = vi.hoisted(() => ({ value: undefined as unknown }));
vi.mock('../../../src/engine/load', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/engine/load')>()),
  parseWorkflowText: () => {
    throw thrown.value;
  },
}));

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('an import whose parser throws', () => {
  it('answers an internal error with the message of the Error thrown', () => {
    thrown.value = new Error('parser exploded');
    const expected = { ok: false, error: [{ code: 'internal', message: 'import failed: parser exploded' }] };
    expect(importWorkflowBytes(bytesOf('{}'))).toEqual(expected);
    expect(importWorkflowText('{}')).toEqual(expected);
  });

  it('answers an internal error with the text of anything else thrown', () => {
    thrown.value = 'a bare string';
    const expected = { ok: false, error: [{ code: 'internal', message: 'import failed: a bare string' }] };
    expect(importWorkflowBytes(bytesOf('{}'))).toEqual(expected);
    expect(importWorkflowText('{}')).toEqual(expected);
  });
});
