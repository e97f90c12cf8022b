/**
 * Chromium loads locale data the first time Intl formats or compares (measured: 12-25 ms for a
 * number, 10-16 ms for a comparison), so what runs while the editor starts must not use it: the
 * file schema's messages were built with toLocaleString when its module loaded, and the New menu's
 * template list was sorted with localeCompare when the toolbar first rendered.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { groupDigits } from '../../../src/engine/group-digits';

afterEach(() => vi.restoreAllMocks());

describe('no Intl while the editor starts', () => {
  it('loading the file schema formats no number through Intl', async () => {
    vi.resetModules();
    const formatted = vi.spyOn(Number.prototype, 'toLocaleString');
    const { workflowSchemas } = await import('../../../src/engine/schema');
    expect(workflowSchemas().WorkflowFileSchema).toBeDefined();
    expect(formatted).not.toHaveBeenCalled();
  });

  it('listing the templates compares no string through Intl, and keeps their order', async () => {
    const compared = vi.spyOn(String.prototype, 'localeCompare');
    const { listTemplates } = await import('../../../src/editor/templates/catalog');
    const files = listTemplates().map((template) => template.file);
    expect(compared).not.toHaveBeenCalled();
    expect(files[0]).toBe('text-to-image');
    expect(files.slice(1)).toEqual([...files.slice(1)].sort());
    expect(files.length).toBeGreaterThan(2);
  });

  it('groupDigits writes whole numbers as toLocaleString("en") does', () => {
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (n) => {
        expect(groupDigits(n)).toBe(n.toLocaleString('en'));
      }),
    );
    expect(groupDigits(5000)).toBe('5,000');
    expect(groupDigits(999)).toBe('999');
    expect(groupDigits(1_000_000)).toBe('1,000,000');
  });
});
