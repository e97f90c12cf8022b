/**
 * The CLI given things it cannot use: an input whose images are missing, an image path that is a
 * folder or unreadable, a workflow file that is not one, a rejected key. Always a clear message on
 * stderr, a non-zero exit, and no call to Gemini unless the key itself is the problem.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
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

/** product-scenes with its reference image exported by hash only: the image must come from --input. */
function workflowWithoutImages(cwd: string): string {
  const workflow = {
    format: 'peel.workflow',
    version: 1,
    name: 'needs a product',
    nodes: [
      {
        id: 'product',
        type: 'referenceSet',
        position: { x: 0, y: 0 },
        params: { images: [{ name: 'shoe.png', mimeType: 'image/png', hash: 'a'.repeat(64) }] },
        exposeAs: 'product',
      },
      { id: 'p', type: 'prompt', position: { x: 0, y: 200 }, params: { text: 'on a beach' } },
      {
        id: 'gen',
        type: 'generate',
        position: { x: 300, y: 0 },
        params: { model: 'gemini-3.1-flash-image' },
      },
    ],
    edges: [
      { source: 'p', sourcePort: 'text', target: 'gen', targetPort: 'prompt' },
      { source: 'product', sourcePort: 'images', target: 'gen', targetPort: 'references' },
    ],
  };
  const path = join(cwd, 'no-images.json');
  writeFileSync(path, JSON.stringify(workflow));
  return path;
}

describe('peel run with inputs it cannot use', () => {
  it('a workflow whose reference images were exported without bytes, run without --input: names the input', async () => {
    const cwd = tempDir();
    const result = await runCli(['run', workflowWithoutImages(cwd), '--out', 'o'], { cwd, env });
    // Invalid input, found before any call: exit 2, and the message says how to supply it.
    expect(result.code).toBe(2);
    const said = [...result.stdout, ...result.stderr].join('\n');
    expect(said).toContain(
      'reference image "shoe.png" of node "product" is not in this workflow file; supply it with --input product=path/to/image',
    );
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('an image path that is a folder is refused before any call (exit 2)', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, 'shoes.png'));
    const result = await runCli(
      ['run', join(examples, 'product-scenes.json'), '--input', 'product=shoes.png', '--out', 'o'],
      { cwd, env },
    );
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/shoes\.png/);
    expect(fake.generateRequests()).toHaveLength(0);
    expect(existsSync(join(cwd, 'o')) ? readdirSync(join(cwd, 'o')) : []).toEqual([]);
  });

  it('a 0-byte image and an SVG given as --input are refused by their bytes (exit 2)', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'empty.png'), '');
    writeFileSync(join(cwd, 'logo.png'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
    for (const name of ['empty.png', 'logo.png']) {
      const result = await runCli(
        ['run', join(examples, 'product-scenes.json'), '--input', `product=${name}`, '--out', 'o'],
        { cwd, env },
      );
      expect(result.code).toBe(2);
      expect(result.stderr.join('\n')).toContain(name);
    }
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a workflow file that is a newer version, or not JSON at all, exits 2 with the reason', async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, 'future.json'),
      JSON.stringify({ format: 'peel.workflow', version: 99, name: 'x', nodes: [], edges: [] }),
    );
    writeFileSync(join(cwd, 'photo.json'), tinyPng(1));
    const future = await runCli(['run', 'future.json'], { cwd, env });
    expect(future.code).toBe(2);
    expect(future.stderr.join('\n')).toMatch(/newer Peel/);
    const binary = await runCli(['run', 'photo.json'], { cwd, env });
    expect(binary.code).toBe(2);
    expect(binary.stderr.join('\n')).toMatch(/photo\.json/);
    expect(fake.generateRequests()).toHaveLength(0);
  });

  it('a bad key: one request, exit 1, a message asking for a new key, the key printed nowhere', async () => {
    const cwd = tempDir();
    const key = 'bad-key-cli-7c1e2f90';
    // One call at a time: once the key is refused, the second branch is never sent.
    const result = await runCli(
      ['run', join(examples, 'product-scenes.json'), '--out', 'o', '--concurrency', '1'],
      {
        cwd,
        env: { GEMINI_API_KEY: key, GEMINI_BASE_URL: fake.url },
      },
    );
    expect(result.code).toBe(1);
    expect(fake.generateRequests()).toHaveLength(1);
    const said = [...result.stdout, ...result.stderr].join('\n');
    expect(said).toMatch(/API key rejected/);
    expect(said).toMatch(/GEMINI_API_KEY/);
    expect(said).not.toContain(key);
  });
});
