/**
 * Issue 11 item 2: a batch whose export files or run.json cannot be written says so, file by file
 * (row, node, file, reason), exits 1 and never crashes. Offline: the preview provider.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli';
import { readRunRows } from '../helpers/run-rows';
import { promptGenerateExport } from '../helpers/workflows';

function batchSetup(): string {
  const cwd = tempDir('peel-write-fail-');
  writeFileSync(join(cwd, 'wf.json'), JSON.stringify(rowNamed()));
  writeFileSync(join(cwd, 'rows.csv'), 'prompt0\na red kite\na blue kite\n');
  return cwd;
}

const batch = (cwd: string, out: string) =>
  runCli(['run', 'wf.json', '--batch', 'rows.csv', '--provider', 'preview', '--out', out], { cwd });

describe('batch export failures (issue 11 item 2)', () => {
  it('an --out folder that cannot be made: every file is reported by row, node and name, exit 1, no crash', async () => {
    const cwd = batchSetup();
    writeFileSync(join(cwd, 'blocker'), 'a file where a folder should be');
    const result = await batch(cwd, 'blocker/out');
    const stderr = result.stderr.join('\n');
    expect(result.code).toBe(1);
    expect(stderr).not.toMatch(/crashed/);
    for (const row of [1, 2])
      expect(stderr).toMatch(
        new RegExp(`row ${row}, node out: could not write kite-${row}\\.png: .*\\((ENOTDIR|EEXIST)\\)`),
      );
    expect(stderr).toMatch(/could not write .*run\.json/);
  });

  it('a run.json that cannot be written (a folder has its name): images kept, reported, exit 1', async () => {
    const cwd = batchSetup();
    mkdirSync(join(cwd, 'out/run.json'), { recursive: true });
    writeFileSync(join(cwd, 'out/run.json/keep'), 'not empty');
    const result = await batch(cwd, 'out');
    const stderr = result.stderr.join('\n');
    expect(result.code).toBe(1);
    expect(stderr).not.toMatch(/crashed/);
    expect(stderr).toMatch(/error: could not write .*run\.json: /);
    expect(readdirSync(join(cwd, 'out')).filter((name) => name.endsWith('.png'))).toHaveLength(2);
  });

  it('a name taken by something else (here a folder) is never overwritten: the next free suffix, with a warning', async () => {
    const cwd = batchSetup();
    // Exclusive publishing (issue 11 item 5): a clash is not a failed write but another name.
    mkdirSync(join(cwd, 'out/kite-2.png/inside'), { recursive: true });
    const result = await batch(cwd, 'out');
    expect(result.code).toBe(0);
    expect(result.stderr.join('\n')).toMatch(/warning: .*kite-2\.png/);
    expect(existsSync(join(cwd, 'out/kite-2.png/inside'))).toBe(true);
    expect(existsSync(join(cwd, 'out/kite-2-2.png'))).toBe(true);
    const rows = readRunRows(join(cwd, 'out'));
    expect(rows.map((row) => row.status)).toEqual(['ok', 'ok']);
    const run = JSON.parse(readFileSync(join(cwd, 'out/run.json'), 'utf8'));
    expect(run.writeFailures ?? 0).toBe(0);
    expect(existsSync(join(cwd, 'out/kite-1.png'))).toBe(true);
  });
});

function rowNamed() {
  const workflow = promptGenerateExport(['a kite']);
  const out = workflow.nodes.find((node) => node.id === 'out');
  if (out) out.params = { filename: 'kite-{row}' };
  return workflow;
}
