import './helpers';
import { describe, expect, it } from 'vitest';
import { nodeRegistry } from '../../../nodes/registry';
import { runWorkflow } from '../../../src/engine/executor';
import { openPeelStore } from '../../../src/persistence/peel-store';
import { CountingProvider, dumpDatabase, testImage, testWorkflow, uniqueDbName } from './helpers';

// Built at run time so no key-shaped literal sits in the tree.
const API_KEY = ['AIzaSyTEST', 'not-a-real-key', '0123456789abcd'].join('-');

describe('settings', () => {
  it('stores plain preferences', async () => {
    const store = await openPeelStore(uniqueDbName('settings'), { storage: null, locks: null });
    expect(await store.settings.get('theme')).toBeUndefined();
    expect((await store.settings.set('theme', 'dark')).ok).toBe(true);
    expect(await store.settings.get('theme')).toBe('dark');
    await store.settings.remove('theme');
    expect(await store.settings.get('theme')).toBeUndefined();
    store.close();
  });

  it('keeps the API key only when asked to remember it, and forgets it when unticked', async () => {
    const name = uniqueDbName('apikey');
    const store = await openPeelStore(name, { storage: null, locks: null });
    await store.settings.saveApiKey(API_KEY, false);
    expect(await store.settings.loadApiKey()).toBeUndefined();
    expect(await dumpDatabase(store.db)).not.toContain(API_KEY);

    await store.settings.saveApiKey(API_KEY, true);
    store.close();
    const reopened = await openPeelStore(name, { storage: null, locks: null });
    expect(await reopened.settings.loadApiKey()).toBe(API_KEY);

    await reopened.settings.saveApiKey(API_KEY, false);
    expect(await reopened.settings.loadApiKey()).toBeUndefined();
    expect(await dumpDatabase(reopened.db)).not.toContain(API_KEY);
    reopened.close();
  });

  it('never writes the key anywhere else: a full flow leaves no trace of it', async () => {
    const store = await openPeelStore(uniqueDbName('nokey'), { storage: null, locks: null });
    // The key reaches the provider (as in the app), and the user did not tick "remember".
    await store.settings.saveApiKey(API_KEY, false);
    const provider = Object.assign(new CountingProvider(), { apiKey: API_KEY });
    const reference = testImage(12);
    const workflow = testWorkflow('a kite', [reference]);
    const saved = await store.workflows.create(workflow, [reference]);
    if (!saved.ok) throw new Error(saved.error.message);
    const recorder = store.recordRun({ workflowId: saved.value.id, workflow, inputs: { prompt: 'a kite' } });
    const result = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider,
      cache: store.cache,
      assets: store.blobs,
      onEvent: recorder.onEvent,
    });
    await recorder.idle();
    await store.cache.flushLastUsed();
    expect(result.status).toBe('ok');
    expect(await store.db.cache.count()).toBe(1);
    expect(await store.db.runs.count()).toBe(1);
    expect(await store.db.workflows.count()).toBe(1);

    const everything = await dumpDatabase(store.db);
    expect(everything).toContain('a kite'); // the dump really covers the rows
    expect(everything).not.toContain(API_KEY);
    // Blob rows hold only image bytes: check those too.
    const blobs = await store.db.blobs.toArray();
    // The reference image and the generated one.
    expect(blobs).toHaveLength(2);
    expect(await store.db.blobs.get(reference.hash)).toBeDefined();
    for (const blob of blobs) {
      const bytes = blob.blob ? new Uint8Array(await blob.blob.arrayBuffer()) : new Uint8Array(blob.bytes);
      expect(new TextDecoder('latin1').decode(bytes)).not.toContain(API_KEY);
    }
    store.close();
  });
});
