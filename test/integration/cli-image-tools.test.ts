import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sniffImage } from '../../src/engine/image/sniff';
import { jsquashCodecs } from '../../src/image-ops/jsquash-codecs';
import { initNodeCodecs } from '../../src/image-ops/node';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { paintedPng } from '../unit/image-ops/fixtures';

const workflowFile = resolve(__dirname, '../../examples/marketplace-logo.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
  await initNodeCodecs();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const readRunJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
const exported = (dir: string) => readdirSync(dir).filter((name) => /\.(png|jpg|webp)$/.test(name));

/** The default model answers JPEG (as Gemini 3 image models do): the tools keep the base's type. */
async function decodeExport(bytes: Uint8Array) {
  expect(sniffImage(bytes)).toMatchObject({ ok: true, value: { mimeType: 'image/jpeg' } });
  return jsquashCodecs.decode(bytes, 'image/jpeg');
}

describe('peel run with image tools: generate -> resize 1024x1280 cover -> composite logo -> export', () => {
  it('makes exactly one model call, exports a 1024x1280 image, and a re-run makes none', async () => {
    const cwd = tempDir();
    const first = await runCli(['run', workflowFile, '--out', 'a'], { cwd, env });
    expect(first.stderr.join('\n')).not.toMatch(/error/);
    expect(first.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(1);
    const run = readRunJson(join(cwd, 'a'));
    expect(run.totals).toMatchObject({ calls: 1 });
    const [file] = exported(join(cwd, 'a'));
    const bytes = new Uint8Array(readFileSync(join(cwd, 'a', file as string)));
    const info = sniffImage(bytes);
    expect(info.ok && [info.value.width, info.value.height]).toEqual([1024, 1280]);
    // The logo sits in the bottom-right corner: its yellow disc, not the generated picture, is there.
    const pixels = await decodeExport(bytes);
    const logoSide = Math.round(0.18 * 1024);
    const inset = Math.round(0.04 * 1024);
    const centreX = 1024 - inset - Math.round(logoSide / 2);
    const centreY = 1280 - inset - Math.round(logoSide / 2);
    const i = (centreY * 1024 + centreX) * 4;
    // Yellow (255, 200, 0) at 90% opacity over whatever the model drew.
    const [r, g, b] = [...pixels.data.subarray(i, i + 3)] as [number, number, number];
    expect(r).toBeGreaterThan(220);
    expect(g).toBeGreaterThan(175);
    expect(b).toBeLessThan(30);

    const second = await runCli(['run', workflowFile, '--out', 'b'], { cwd, env });
    expect(second.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(1);
    // generate, the logo image, resize and composite all come from the cache.
    expect(readRunJson(join(cwd, 'b')).totals).toMatchObject({ calls: 0, cachedNodes: 4, costUsd: 0 });
    const again = new Uint8Array(readFileSync(join(cwd, 'b', exported(join(cwd, 'b'))[0] as string)));
    expect(sniffImage(again).ok && sniffImage(again)).toMatchObject({ value: { width: 1024, height: 1280 } });
  });

  it('--input logo=FILE swaps the overlay: still no new model call, and the corner changes', async () => {
    const cwd = tempDir();
    expect((await runCli(['run', workflowFile, '--out', 'a'], { cwd, env })).code).toBe(0);
    writeFileSync(
      join(cwd, 'blue.png'),
      paintedPng(64, 64, () => [0, 0, 255, 255]),
    );
    const swapped = await runCli(['run', workflowFile, '--out', 'b', '--input', 'logo=blue.png'], {
      cwd,
      env,
    });
    expect(swapped.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(1);
    const bytes = new Uint8Array(readFileSync(join(cwd, 'b', exported(join(cwd, 'b'))[0] as string)));
    const pixels = await decodeExport(bytes);
    const inset = Math.round(0.04 * 1024);
    const i = ((1280 - inset - 20) * 1024 + (1024 - inset - 20)) * 4;
    const [r, g, b] = [...pixels.data.subarray(i, i + 3)] as [number, number, number];
    expect(r).toBeLessThan(30);
    expect(g).toBeLessThan(30);
    expect(b).toBeGreaterThan(220);
  });

  it('a batch column names the logo per row: one model call for the whole batch, one export per row', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'red.png'),
      paintedPng(64, 64, () => [255, 0, 0, 255]),
    );
    writeFileSync(
      join(cwd, 'blue.png'),
      paintedPng(64, 64, () => [0, 0, 255, 255]),
    );
    writeFileSync(join(cwd, 'rows.csv'), 'logo\nred.png\nblue.png\n');
    const result = await runCli(['run', workflowFile, '--batch', 'rows.csv', '--out', 'out'], { cwd, env });
    expect(result.stderr.join('\n')).not.toMatch(/error/);
    expect(result.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(1);
    const files = exported(join(cwd, 'out')).sort();
    expect(files).toHaveLength(2);
    const inset = Math.round(0.04 * 1024);
    const i = ((1280 - inset - 20) * 1024 + (1024 - inset - 20)) * 4;
    const corners = await Promise.all(
      files.map(async (name) => {
        const pixels = await decodeExport(new Uint8Array(readFileSync(join(cwd, 'out', name))));
        return [...pixels.data.subarray(i, i + 3)].map((v) => (v > 200 ? 1 : v < 40 ? 0 : -1));
      }),
    );
    // Row 1 has the red logo, row 2 the blue one.
    expect(corners).toEqual([
      [1, 0, 0],
      [0, 0, 1],
    ]);
  });
});
