import { readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';
import { base64HasKeyRun, pngCarrying } from '../helpers/key-run-images';

const productScenes = resolve(__dirname, '../../examples/product-scenes.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  // A Google-shaped key (built at run time): the export redacts it, and must redact nothing else.
  const apiKey = `AIza${'0'.repeat(35)}`;
  fake = await startFakeGemini({ apiKey });
  env = { GEMINI_API_KEY: apiKey, GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('images exported by peel run keep their reference images (issue 11 item 1)', () => {
  it('a reference whose base64 holds a key-shaped run: the exported image replays, every node cached', async () => {
    const cwd = tempDir();
    const product = pngCarrying({ before: new Uint8Array([5, 4, 3]), keyTail: 'Kk12'.repeat(9) });
    expect(base64HasKeyRun(product)).toBe(true);
    writeFileSync(join(cwd, 'product.png'), product);
    const first = await runCli(['run', productScenes, '--input', 'product=product.png', '--out', 'a'], {
      cwd,
      env: { ...env },
    });
    expect(first.stderr.join('\n')).not.toMatch(/error/);
    expect(first.code).toBe(0);
    const calls = fake.generateRequests().length;
    const image = readdirSync(join(cwd, 'a')).find((name) => /\.(png|jpg)$/.test(name)) as string;
    // Replaying the image needs its embedded workflow to load with the same reference bytes:
    // the same cache keys, so nothing is paid again.
    const replay = await runCli(['run', join('a', image), '--out', 'b'], { cwd, env: { ...env } });
    expect(replay.stderr.join('\n')).not.toMatch(/not valid base64/);
    expect(replay.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(calls);
  });
});
