import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishExclusive, withTempFile } from '../../../src/cli/atomic-write';
import { ExportWriter } from '../../../src/cli/export-writer';
import { imageValueOf } from '../../../src/engine/assets';
import { tempDir } from '../../helpers/cli';
import { tinyPng } from '../../helpers/tiny-png';

const fileOf = (baseName: string, seed: number) => ({
  baseName,
  image: imageValueOf(tinyPng(seed), 'image/png'),
});

describe('ExportWriter publishes without ever replacing a file (issue 11 item 5)', () => {
  it('two writers (as two processes) on one folder, same name, different images: both kept, distinct names', async () => {
    const outDir = tempDir('peel-export-');
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    for (let round = 0; round < 10; round++) {
      // Separate writers share no memory of used names, as separate `peel run` processes would not.
      const [a, b] = [new ExportWriter(outDir, warn), new ExportWriter(outDir, warn)];
      const shot = `shot-${round}`;
      const [namesA, namesB] = await Promise.all([
        a.write([fileOf(shot, 2 * round + 1)], undefined),
        b.write([fileOf(shot, 2 * round + 2)], undefined),
      ]);
      const [nameA, nameB] = [namesA[0] as string, namesB[0] as string];
      expect(new Set([nameA, nameB])).toEqual(new Set([`${shot}.png`, `${shot}-2.png`]));
      expect(new Uint8Array(readFileSync(join(outDir, nameA)))).toEqual(tinyPng(2 * round + 1));
      expect(new Uint8Array(readFileSync(join(outDir, nameB)))).toEqual(tinyPng(2 * round + 2));
    }
    expect(warnings.filter((w) => /is taken; wrote/.test(w))).toHaveLength(10);
    expect(readdirSync(outDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('takes the next free suffix past names already on disk, and reuses a file with the very same bytes', async () => {
    const outDir = tempDir('peel-export-');
    const first = new ExportWriter(outDir, () => undefined);
    await first.write([fileOf('x', 1), fileOf('x', 2)], undefined);
    expect(readdirSync(outDir).sort()).toEqual(['x-2.png', 'x.png']);
    const later = new ExportWriter(outDir, () => undefined);
    expect(await later.write([fileOf('x', 3)], undefined)).toEqual(['x-3.png']);
    // A re-run that produced the same image points at the file already there: no copy.
    expect(await new ExportWriter(outDir, () => undefined).write([fileOf('x', 2)], undefined)).toEqual([
      'x-2.png',
    ]);
    expect(readdirSync(outDir).sort()).toEqual(['x-2.png', 'x-3.png', 'x.png']);
  });
});

describe('publishExclusive on a filesystem without hard links (issue 11 item 5)', () => {
  const noHardLinks = async () => {
    throw Object.assign(new Error('operation not permitted'), { code: 'EPERM' });
  };

  it('claims the name with an exclusive create and renames the complete file over the claim', async () => {
    const dir = tempDir('peel-publish-');
    const path = join(dir, 'a.png');
    const outcome = await withTempFile(dir, 'a', tinyPng(1), (temp) =>
      publishExclusive(temp, path, noHardLinks),
    );
    expect(outcome).toBe('published');
    expect(new Uint8Array(readFileSync(path))).toEqual(tinyPng(1));
    expect(readdirSync(dir)).toEqual(['a.png']);
  });

  it('never replaces a file already there', async () => {
    const dir = tempDir('peel-publish-');
    const path = join(dir, 'a.png');
    writeFileSync(path, tinyPng(1));
    const outcome = await withTempFile(dir, 'a', tinyPng(2), (temp) =>
      publishExclusive(temp, path, noHardLinks),
    );
    expect(outcome).toBe('taken');
    expect(new Uint8Array(readFileSync(path))).toEqual(tinyPng(1));
    expect(readdirSync(dir)).toEqual(['a.png']);
  });
});
