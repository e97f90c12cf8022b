/** The README model table: each row's wording, and swapping the block between the markers. */
import { describe, expect, it } from 'vitest';
import type { CatalogModel } from '../../../src/engine/catalog';
import {
  MODEL_TABLE_END,
  MODEL_TABLE_START,
  modelTableMarkdown,
  withModelTable,
} from '../../../src/engine/catalog/markdown';

const source = { read: '2026-12-01', url: 'https://example.test' };

const model = (
  over: Partial<CatalogModel> & Pick<CatalogModel, 'id' | 'kind' | 'lifecycle'>,
): CatalogModel => ({
  displayName: over.id,
  limits: { aspectRatios: ['1:1', '16:9'], imageSizes: ['1K', '2K'], maxReferenceImages: 3, source },
  capabilities: {
    thinkingLevels: [],
    thoughts: false,
    searchGrounding: false,
    imageSearch: false,
    systemInstruction: false,
    sampling: false,
    safetySettings: false,
    imageOnlyOutput: false,
    source,
  },
  routes: {},
  ...over,
});

/** The table's rows only (the header and markers are the same for every table). */
const rowsOf = (models: CatalogModel[]): string[] =>
  modelTableMarkdown(models)
    .split('\n')
    .filter((line) => line.startsWith('| `'));

describe('modelTableMarkdown rows', () => {
  it('status: retired with date and replacement, deprecated with replacement, others without an arrow', () => {
    const rows = rowsOf([
      model({
        id: 'r1',
        kind: 'image',
        lifecycle: { status: 'retired', shutdown: '2026-10-02', replacement: 'n1', source },
      }),
      model({ id: 'r2', kind: 'image', lifecycle: { status: 'retired', source } }),
      model({ id: 'd1', kind: 'image', lifecycle: { status: 'deprecated', replacement: 'n1', source } }),
      model({ id: 'd2', kind: 'image', lifecycle: { status: 'deprecated', source } }),
      // A replacement on a model that is not deprecated is not shown.
      model({
        id: 'p1',
        kind: 'image',
        lifecycle: { status: 'preview', released: '2026-05-01', replacement: 'n1', source },
      }),
      model({ id: 'g1', kind: 'image', lifecycle: { status: 'ga', source } }),
    ]);
    expect(rows.map((row) => row.split(' | ')[2])).toEqual([
      'retired 2026-10-02 → `n1`',
      'retired',
      'deprecated → `n1`',
      'deprecated',
      'preview (2026-05-01)',
      'ga',
    ]);
  });

  it('whole rows: image limits, text token limits, options and prices', () => {
    const rows = rowsOf([
      model({
        id: 'img',
        kind: 'image',
        lifecycle: { status: 'ga', source },
        capabilities: {
          ...model({ id: 'x', kind: 'image', lifecycle: { status: 'ga', source } }).capabilities,
          searchGrounding: true,
          imageSearch: true,
          thinkingLevels: ['MINIMAL', 'HIGH'],
        },
        prices: {
          inputPerMillion: 0.5,
          textOutputPerMillion: 3,
          imageOutputPerMillion: 60,
          batchDiscount: 0.5,
          typicalThoughtTokens: {},
          source: { ...source, unverified: true },
        },
      }),
      model({
        id: 'img-unlimited',
        kind: 'image',
        lifecycle: { status: 'ga', source },
        limits: { aspectRatios: [], imageSizes: ['1K'], source },
      }),
      model({
        id: 'txt',
        kind: 'text',
        lifecycle: { status: 'ga', source },
        limits: { aspectRatios: [], imageSizes: [], inputTokenLimit: 1048576, source },
        capabilities: {
          ...model({ id: 'x', kind: 'text', lifecycle: { status: 'ga', source } }).capabilities,
          searchGrounding: true,
          systemInstruction: true,
        },
        prices: {
          inputPerMillion: 0.3,
          textOutputPerMillion: 2.5,
          batchDiscount: 0.5,
          typicalThoughtTokens: {},
          source,
        },
      }),
      model({
        id: 'txt-nolimit',
        kind: 'text',
        lifecycle: { status: 'ga', source },
        limits: { aspectRatios: [], imageSizes: [], source },
      }),
    ]);
    expect(rows).toEqual([
      '| `img` | image | ga | 3 refs · 1K/2K · 2 ratios | search + image search, thinking minimal/high | in $0.5 · text out $3 · image out $60 (unverified) |',
      '| `img-unlimited` | image | ga | ? refs · 1K · 0 ratios |  | price unknown |',
      '| `txt` | text | ga | 1,048,576 tokens in | search, system instruction | in $0.3 · text out $2.5 |',
      '| `txt-nolimit` | text | ga |  |  | price unknown |',
    ]);
  });
});

describe('withModelTable', () => {
  const table = `${MODEL_TABLE_START}\nNEW\n${MODEL_TABLE_END}`;

  it('replaces the block between the markers, markers included, and keeps the text around it', () => {
    const readme = `# Peel\n\nintro\n${MODEL_TABLE_START}\nOLD TABLE\n${MODEL_TABLE_END}\nafter\n`;
    expect(withModelTable(readme, table)).toBe(`# Peel\n\nintro\n${table}\nafter\n`);
  });

  it('works when the block opens the file and closes it', () => {
    expect(withModelTable(`${MODEL_TABLE_START}old${MODEL_TABLE_END}`, table)).toBe(table);
  });

  it('without both markers in order, gives undefined', () => {
    expect(withModelTable('# Peel\nno table here\n', table)).toBeUndefined();
    expect(withModelTable(`intro\n${MODEL_TABLE_START}\nold\n`, table)).toBeUndefined();
    expect(withModelTable(`intro\nold\n${MODEL_TABLE_END}\n`, table)).toBeUndefined();
    expect(withModelTable(`intro\n${MODEL_TABLE_END}\nold\n${MODEL_TABLE_START}\n`, table)).toBeUndefined();
  });
});
