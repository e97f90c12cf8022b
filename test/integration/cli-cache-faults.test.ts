import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeGemini, startFakeGemini } from '../fake-gemini/server';
import { runCli, tempDir } from '../helpers/cli';

const examples = resolve(__dirname, '../../examples');
const textToImage = join(examples, 'text-to-image.json');
const productScenes = join(examples, 'product-scenes.json');
let fake: FakeGemini;
let env: Record<string, string>;

beforeAll(async () => {
  fake = await startFakeGemini();
  env = { GEMINI_API_KEY: 'test-key-123', GEMINI_BASE_URL: fake.url };
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const images = (dir: string) => readdirSync(dir).filter((name) => name !== 'run.json');

describe('peel run with a cache folder it cannot write (issue 11 item 3)', () => {
  it('warns once per run on stderr, still writes every image, and exits 0', async () => {
    const cwd = tempDir();
    // A file where the cache folder should be: works the same as root as for anyone else.
    writeFileSync(join(cwd, 'cache'), 'not a folder');
    const first = await runCli(['run', productScenes, '--cache', 'cache', '--out', 'out'], { cwd, env });
    expect(first.code).toBe(0);
    // product-scenes has two generate nodes: both writes fail, one warning.
    expect(fake.generateRequests()).toHaveLength(2);
    const warnings = first.stderr.filter((line) => /warning: could not save the result of/.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/later runs will pay for it again/);
    expect(images(join(cwd, 'out')).length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(cwd, 'out/run.json'), 'utf8')).status).toBe('ok');
  });

  it('with --json, the warning is one JSON line of its own type', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'cache'), 'not a folder');
    const result = await runCli(['run', productScenes, '--cache', 'cache', '--out', 'out', '--json'], {
      cwd,
      env,
    });
    expect(result.code).toBe(0);
    const events = result.stdout.map((line) => JSON.parse(line) as { type: string; code?: string });
    const warnings = events.filter((event) => event.type === 'run-warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'cache_write_failed', nodeId: expect.any(String) });
  });
});

describe('peel run with a damaged cache entry (issue 11 item 4)', () => {
  it('a cached image with one byte flipped is not used: a fresh call is made, and the cache holds good bytes again', async () => {
    const cwd = tempDir();
    const first = await runCli(['run', textToImage, '--cache', 'cache', '--out', 'a'], { cwd, env });
    expect(first.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(1);
    const stored = readdirSync(join(cwd, 'cache/images'));
    expect(stored.length).toBeGreaterThan(0);
    for (const name of stored) {
      const path = join(cwd, 'cache/images', name);
      const bytes = readFileSync(path);
      bytes[bytes.length >> 1] = (bytes[bytes.length >> 1] ?? 0) ^ 0x80;
      writeFileSync(path, bytes);
    }
    const second = await runCli(['run', textToImage, '--cache', 'cache', '--out', 'b'], { cwd, env });
    expect(second.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(2);
    const run = JSON.parse(readFileSync(join(cwd, 'b/run.json'), 'utf8'));
    expect(run.totals).toMatchObject({ calls: 1, cachedNodes: 0 });
    // The fresh answer was exported (the fake's JPEG for the current default model is not
    // byte-identical between calls, so the name and count are what can be compared).
    expect(images(join(cwd, 'b'))).toEqual(images(join(cwd, 'a')));
    expect(images(join(cwd, 'b')).length).toBeGreaterThan(0);
    for (const name of readdirSync(join(cwd, 'cache/images')))
      expect(
        createHash('sha256')
          .update(readFileSync(join(cwd, 'cache/images', name)))
          .digest('hex'),
      ).toBe(name);
    const third = await runCli(['run', textToImage, '--cache', 'cache', '--out', 'c'], { cwd, env });
    expect(third.code).toBe(0);
    expect(fake.generateRequests()).toHaveLength(2);
  });
});
