import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { tinyPng } from '../helpers/tiny-png';

const examples = resolve(__dirname, '../../examples');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

interface NodeRecord {
  id: string;
  of?: string;
  element?: number;
  files: string[];
  producedBy?: Record<string, string>;
}
interface RowRecord {
  row: number;
  nodes: NodeRecord[];
}

describe('batch run records list each element and its files', () => {
  it('run.jsonl: per row, one entry per element, and each exported file mapped to the element that made it', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'mug.png'), tinyPng(7));
    writeFileSync(join(cwd, 'lamp.png'), tinyPng(8));
    writeFileSync(join(cwd, 'rows.csv'), 'products\nmug.png\nlamp.png\n');
    const run = await runCli(
      ['run', join(examples, 'product-x-scenes.json'), '--batch', join(cwd, 'rows.csv'), '--out', 'out'],
      { cwd, env },
    );
    expect(run.stderr.join('\n')).not.toMatch(/error/);
    expect(run.code).toBe(0);
    const journal = readFileSync(join(cwd, 'out', 'run.jsonl'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
    const rows = journal.filter((entry): entry is RowRecord => Array.isArray(entry.nodes));
    expect(rows.map((row) => row.row).sort()).toEqual([1, 2]);
    for (const row of rows) {
      const shots = row.nodes.filter((node) => node.of === 'shots');
      expect(shots.map((node) => node.element).sort()).toEqual([1, 2, 3]);
      const out = row.nodes.find((node) => node.id === 'out');
      expect(out?.files).toHaveLength(3);
      // Every file names the element that made it, and every element made one file.
      const producers = (out?.files ?? []).map((file) => out?.producedBy?.[file]);
      expect(producers.sort()).toEqual(shots.map((node) => node.id).sort());
    }
    // run.json sums the batch up; the rows (with their elements) are the journal's.
    const summary = JSON.parse(readFileSync(join(cwd, 'out', 'run.json'), 'utf8'));
    expect(summary.rows).toMatchObject({ total: 2, ok: 2 });
  });
});
