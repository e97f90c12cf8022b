import './helpers';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { runWorkflow } from '../../../src/engine/executor';
import type { ImageValue } from '../../../src/engine/values';
import { openPeelStore } from '../../../src/persistence/peel-store';
import type { BlobRecord } from '../../../src/persistence/records';
import { CountingProvider, testWorkflow, uniqueDbName } from './helpers';

/** The image a run's generate node made. */
const imageOf = (result: { nodes: Map<string, { outputs?: Record<string, unknown> }> }) =>
  result.nodes.get('g')?.outputs?.image as ImageValue;

const storeOptions = { storage: null, locks: null } as const;

/** What a bad disk sector or a buggy extension would do: one byte of the stored image changes. */
async function flipOneByte(record: BlobRecord): Promise<BlobRecord> {
  const bytes = record.blob
    ? new Uint8Array(await record.blob.arrayBuffer())
    : new Uint8Array(record.bytes ?? []);
  const at = Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return record.blob
    ? { ...record, blob: new Blob([bytes], { type: record.mimeType }) }
    : { ...record, bytes: bytes.buffer };
}

describe.each(['blob', 'bytes'] as const)(
  'IndexedDbCache checks bytes on read (%s mode, issue 11 item 4)',
  (blobMode) => {
    it('a cached image whose bytes no longer match their hash is a miss: dropped, called afresh, right result', async () => {
      const name = uniqueDbName('verify');
      const workflow = testWorkflow('a kite in a storm');
      const store = await openPeelStore(name, { ...storeOptions, blobMode });
      const provider = new CountingProvider();
      const first = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache: store.cache });
      const made = first.nodes.get('g')?.outputs?.image as ImageValue;
      const key = first.nodes.get('g')?.cacheKey as string;
      expect(provider.calls).toBe(1);
      store.close();

      // Damage the stored image, then open the database again (a new page).
      const reopened = await openPeelStore(name, { ...storeOptions, blobMode });
      const stored = await reopened.db.blobs.get(made.hash);
      if (!stored) throw new Error('the output was not stored');
      await reopened.db.blobs.put(await flipOneByte(stored));

      expect(await reopened.cache.get(key)).toBeUndefined();
      // The bad entry and the bad bytes are gone, not left to be served or to block a rewrite.
      expect(await reopened.db.cache.get(key)).toBeUndefined();
      expect(await reopened.db.blobs.get(made.hash)).toBeUndefined();

      const second = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache: reopened.cache });
      expect(provider.calls).toBe(2);
      expect(second.nodes.get('g')?.status).toBe('ran');
      expect(imageOf(second).bytes).toEqual(made.bytes);

      // Stored anew and intact: the next run is served from the cache, with the right bytes.
      const third = await runWorkflow(workflow, { registry: nodeRegistry, provider, cache: reopened.cache });
      expect(provider.calls).toBe(2);
      expect(third.nodes.get('g')?.status).toBe('cached');
      expect(imageOf(third).bytes).toEqual(made.bytes);
      reopened.close();
    });
  },
);
