import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { FileSystemCache } from '../../../src/cli/fs-cache';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageValue } from '../../../src/engine/values';
import { tempDir } from '../../helpers/cli';
import { CountingProvider, testWorkflow } from '../persistence/helpers';

/** The image a run's generate node made. */
const imageOf = (result: { nodes: Map<string, { outputs?: Record<string, unknown> }> }) =>
  result.nodes.get('g')?.outputs?.image as ImageValue;

/** One run into a fresh cache folder: the folder, the entry's key and the image it made. */
async function cachedRun(prompt: string) {
  const directory = tempDir('peel-fs-cache-');
  const provider = new CountingProvider();
  const result = await runWorkflow(testWorkflow(prompt), {
    registry: nodeRegistry,
    provider,
    cache: new FileSystemCache(directory),
  });
  const node = result.nodes.get('g');
  return {
    directory,
    provider,
    key: node?.cacheKey as string,
    image: node?.outputs?.image as ImageValue,
  };
}

function flipByte(path: string, at: (length: number) => number): void {
  const bytes = readFileSync(path);
  const index = at(bytes.length);
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  writeFileSync(path, bytes);
}

describe('FileSystemCache checks bytes on read (issue 11 item 4)', () => {
  it('an image whose bytes no longer hash to its name is a miss; the entry and the image are deleted', async () => {
    const { directory, key, image } = await cachedRun('a kite in a storm');
    const imagePath = join(directory, 'images', image.hash);
    flipByte(imagePath, (length) => Math.floor(length / 2));
    const cache = new FileSystemCache(directory);
    expect(await cache.get(key)).toBeUndefined();
    expect(existsSync(imagePath)).toBe(false);
    expect(existsSync(join(directory, 'entries', `${key}.json`))).toBe(false);
  });

  it('an entry file changed on disk (still valid JSON) or cut short is a miss and is deleted', async () => {
    const { directory, key } = await cachedRun('a kite at dawn');
    const entryPath = join(directory, 'entries', `${key}.json`);
    const original = readFileSync(entryPath, 'utf8');
    // The model's text answer changes by one letter: still JSON, no longer what was stored.
    const altered = original.replace('drew: a kite at dawn', 'drew: a kite at down');
    expect(altered).not.toBe(original);
    writeFileSync(entryPath, altered);
    expect(await new FileSystemCache(directory).get(key)).toBeUndefined();
    expect(existsSync(entryPath)).toBe(false);

    writeFileSync(entryPath, original.slice(0, original.length - 10));
    expect(await new FileSystemCache(directory).get(key)).toBeUndefined();
    expect(existsSync(entryPath)).toBe(false);
  });

  it('the next run calls afresh, gets the right result, and stores it intact for the run after', async () => {
    const { directory, image, provider } = await cachedRun('a kite over hills');
    flipByte(join(directory, 'images', image.hash), (length) => length - 20);
    const workflow = testWorkflow('a kite over hills');
    const again = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: new FileSystemCache(directory),
    });
    expect(provider.calls).toBe(2);
    expect(imageOf(again).bytes).toEqual(image.bytes);
    expect(new Uint8Array(readFileSync(join(directory, 'images', image.hash)))).toEqual(image.bytes);
    const third = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: new FileSystemCache(directory),
    });
    expect(provider.calls).toBe(2);
    expect(third.nodes.get('g')?.status).toBe('cached');
    expect(readdirSync(join(directory, 'images'))).toEqual([image.hash]);
  });
});
