import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { CacheKeyLocks } from '../../../src/cli/cache-key-lock';
import { FileSystemCache } from '../../../src/cli/fs-cache';
import { runWorkflow } from '../../../src/engine/executor';
import { tempDir } from '../../helpers/cli';
import { scriptedProvider } from '../../helpers/scripted-provider';
import { imageHashOf, promptGenerateExport } from '../../helpers/workflows';

const KEY = 'a'.repeat(64);

describe('per-cache-key locks across processes (issue 11 item 5)', () => {
  it('two runs on one cache folder, each with its own cache object (as two processes): one call per key', async () => {
    const directory = tempDir('peel-lock-');
    const provider = scriptedProvider({ delayMs: 150 });
    const workflow = promptGenerateExport(['a fox', 'a hare']);
    const [first, second] = await Promise.all(
      [0, 1].map(() =>
        runWorkflow(workflow, { registry: nodeRegistry, provider, cache: new FileSystemCache(directory) }),
      ),
    );
    expect(provider.requests.map((request) => request.prompt).sort()).toEqual(['a fox', 'a hare']);
    // The waiter read the first one's answer from the cache: the same image, paid once.
    for (const id of ['g0', 'g1'])
      expect(imageHashOf(second as never, id)).toBe(imageHashOf(first as never, id));
    expect((first?.totals.calls ?? 0) + (second?.totals.calls ?? 0)).toBe(2);
    expect((first?.totals.cachedNodes ?? 0) + (second?.totals.cachedNodes ?? 0)).toBe(2);
    // Every claim was released.
    expect(readdirSync(join(directory, 'locks'))).toEqual([]);
  });

  it('a waiter gets the key once the holder releases it', async () => {
    const locks = new CacheKeyLocks(tempDir('peel-lock-'));
    const signal = new AbortController().signal;
    const release = await locks.acquire(KEY, signal);
    expect(release).toBeTypeOf('function');
    let second: unknown;
    const waiting = locks.acquire(KEY, signal).then((r) => {
      second = r;
      return r;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second).toBeUndefined();
    await release?.();
    const got = await waiting;
    expect(got).toBeTypeOf('function');
    await got?.();
  });

  it('a lock left by a process that died (not refreshed within the stale time) is taken over', async () => {
    const directory = tempDir('peel-lock-');
    const lockDir = join(directory, `${KEY}.lock`);
    mkdirSync(lockDir, { recursive: true });
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(lockDir, longAgo, longAgo);
    const release = await new CacheKeyLocks(directory, { staleMs: 30_000 }).acquire(
      KEY,
      new AbortController().signal,
    );
    expect(release).toBeTypeOf('function');
    await release?.();
    expect(existsSync(lockDir)).toBe(false);
  });

  it('a waiter stops waiting when its run is cancelled', async () => {
    const locks = new CacheKeyLocks(tempDir('peel-lock-'));
    const held = await locks.acquire(KEY, new AbortController().signal);
    const cancel = new AbortController();
    const waiting = locks.acquire(KEY, cancel.signal);
    cancel.abort();
    expect(await waiting).toBeUndefined();
    await held?.();
  });

  it('a cache folder that cannot be written gives no lock, and the run goes on', async () => {
    const directory = tempDir('peel-lock-');
    writeFileSync(join(directory, 'cache'), 'a file, not a folder');
    const locks = new CacheKeyLocks(join(directory, 'cache', 'locks'));
    expect(await locks.acquire(KEY, new AbortController().signal)).toBeUndefined();
  });
});
