/** Spreadsheet files as people have them, read by `peel run --batch` (offline: preview provider). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli';
import { readRunRows } from '../helpers/run-rows';
import { promptGenerateExport } from '../helpers/workflows';

async function batchOf(name: string, bytes: Uint8Array | string) {
  const cwd = tempDir('peel-sheets-');
  writeFileSync(join(cwd, 'wf.json'), JSON.stringify(promptGenerateExport(['x', 'y'])));
  writeFileSync(join(cwd, name), bytes);
  const result = await runCli(['run', 'wf.json', '--batch', name, '--provider', 'preview', '--out', 'out'], {
    cwd,
  });
  return { result, rows: result.code === 0 ? readRunRows(join(cwd, 'out')) : [] };
}

const utf16le = (text: string) => {
  const body = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    body[i * 2] = text.charCodeAt(i) & 0xff;
    body[i * 2 + 1] = text.charCodeAt(i) >> 8;
  }
  return new Uint8Array([0xff, 0xfe, ...body]);
};

describe('peel run --batch reads spreadsheet exports', () => {
  it('a semicolon-separated file gives its two columns (commas stay inside cells)', async () => {
    const { result, rows } = await batchOf(
      'rows.csv',
      'prompt0;prompt1\r\na fox, red;at dawn\r\na heron;"at dusk; rain"\r\n',
    );
    expect(result.stderr.join('\n')).toMatch(/columns separated by semicolons/);
    expect(result.code).toBe(0);
    expect(rows.map((row) => row.inputs)).toEqual([
      { prompt0: 'a fox, red', prompt1: 'at dawn' },
      { prompt0: 'a heron', prompt1: 'at dusk; rain' },
    ]);
  });

  it('a tab-separated file gives its two columns', async () => {
    const { result, rows } = await batchOf('rows.tsv', 'prompt0\tprompt1\na fox, red\tat dawn\n');
    expect(result.code).toBe(0);
    expect(rows.map((row) => row.inputs)).toEqual([{ prompt0: 'a fox, red', prompt1: 'at dawn' }]);
  });

  it('UTF-16 with a BOM (Excel "Unicode text", tab-separated) is decoded', async () => {
    const { result, rows } = await batchOf(
      'rows.txt',
      utf16le('prompt0\tprompt1\r\nCrème brûlée\t€5 café\r\n'),
    );
    expect(result.stderr.join('\n')).toMatch(/read as UTF-16 \(little-endian\)/);
    expect(result.code).toBe(0);
    expect(rows.map((row) => row.inputs)).toEqual([{ prompt0: 'Crème brûlée', prompt1: '€5 café' }]);
  });

  it('Windows-1252 is converted, and the run says so', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('prompt0;prompt1\nbr'),
      0xfb, // û
      ...new TextEncoder().encode('l;'),
      0x80, // €
      ...new TextEncoder().encode('5\n'),
    ]);
    const { result, rows } = await batchOf('rows.csv', bytes);
    expect(result.stderr.join('\n')).toMatch(/not UTF-8; it was read as Windows-1252/);
    expect(result.code).toBe(0);
    expect(rows.map((row) => row.inputs)).toEqual([{ prompt0: 'brûl', prompt1: '€5' }]);
  });
});
