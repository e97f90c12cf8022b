import { describe, expect, it } from 'vitest';
import { imageCards } from '../../../src/cli/contact-sheet-html';
import type { NodeRecord } from '../../../src/engine/run-record';

const record = (overrides: Partial<NodeRecord>): NodeRecord => ({
  id: 'gen',
  type: 'generate',
  status: 'ran',
  cached: false,
  durationMs: 1,
  usage: null,
  costUsd: 0.07,
  files: [],
  ...overrides,
});

describe('contact sheet: a grounded image lists its sources', () => {
  it('as escaped links, http(s) only', () => {
    const html = imageCards({
      row: 1,
      status: 'ok',
      inputs: {},
      nodes: [
        record({
          model: 'gemini-3.1-flash-image',
          grounding: [
            {
              webSearchQueries: ['tides'],
              sources: [
                { uri: 'https://example.org/tides?a=1&b=2', title: '<b>Tide</b> tables' },
                { uri: 'javascript:alert(1)', title: 'not a link' },
              ],
            },
          ],
        }),
        record({
          id: 'out',
          type: 'export',
          model: undefined,
          files: ['tide.png'],
          producedBy: { 'tide.png': 'gen' },
        }),
      ],
    });
    expect(html).toContain(
      '<a href="https://example.org/tides?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">&lt;b&gt;Tide&lt;/b&gt; tables</a>',
    );
    expect(html).toContain('<li>not a link</li>');
    expect(html).not.toContain('javascript:');
  });

  it('an image without grounding has no sources block', () => {
    const html = imageCards({
      row: 1,
      status: 'ok',
      inputs: {},
      nodes: [record({ id: 'out', type: 'export', files: ['a.png'] })],
    });
    expect(html).not.toContain('class="sources"');
  });
});
