// @vitest-environment jsdom
/**
 * The toolbar's estimate follows the cache it is made against. A link's workflow opened while
 * storage was still opening is estimated against the in-memory cache; when the browser cache then
 * takes over, the estimate is made again: a workflow already run here showed the price of calls
 * its run would not pay for. Only a new, empty browser cache taking over from an empty memory cache
 * changes nothing (link-opens-with-storage.test.tsx).
 */
import './setup-dom';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryCache } from '../../src/engine/cache';
import { promptGenerateExport } from '../helpers/workflows';
import { bootEditor, previewEditorEachTest, uniqueDbName } from './persistence-harness';

const slot = previewEditorEachTest();

/** No IndexedDB (memory mode): the editor estimates and caches in memory. */
const refusing = {
  open: () => {
    throw new DOMException('no database here', 'InvalidStateError');
  },
} as unknown as IDBFactory;

describe('the estimate when the cache changes', () => {
  it('is made again against the new cache', async () => {
    const editor = await bootEditor({ dbName: uniqueDbName(), storeOptions: { indexedDB: refusing } });
    slot.editor = editor;
    const { useRunStore } = editor.runStore;
    act(() => editor.documentStore.commands.loadWorkflow(promptGenerateExport(['a fox', 'a hare'])));
    await act(() => editor.runController.startRun());
    await waitFor(() => expect(useRunStore.getState().running).toBe(false));
    // After the run its two results are cached: the next run is free.
    await waitFor(() => expect(useRunStore.getState().estimate?.cachedNodes).toBe(2));

    const { setPersistentCache } = await import('../../src/editor/run/cache-provider');
    const browserCache = new MemoryCache();
    act(() => setPersistentCache(browserCache));
    // The new cache holds nothing: both calls are paid again, and the estimate says so.
    await waitFor(() => {
      expect(useRunStore.getState().estimate?.cachedNodes).toBe(0);
      expect(useRunStore.getState().estimate?.calls).toBe(2);
    });
    act(() => setPersistentCache(null));
    await waitFor(() => expect(useRunStore.getState().estimate?.cachedNodes).toBe(2));
  });

  it('is made again when a cache said to be empty takes over from a memory cache that is not', async () => {
    const editor = await bootEditor({ dbName: uniqueDbName(), storeOptions: { indexedDB: refusing } });
    slot.editor = editor;
    const { useRunStore } = editor.runStore;
    act(() => editor.documentStore.commands.loadWorkflow(promptGenerateExport(['a fox'])));
    await act(() => editor.runController.startRun());
    await waitFor(() => expect(useRunStore.getState().running).toBe(false));
    await waitFor(() => expect(useRunStore.getState().estimate?.cachedNodes).toBe(1));

    // A database created by this open holds nothing; the memory cache holds this run's output, so
    // the estimates made against it no longer hold: the call is paid again, and the estimate says so.
    const { setPersistentCache } = await import('../../src/editor/run/cache-provider');
    act(() => setPersistentCache(new MemoryCache(), { empty: true }));
    await waitFor(() => {
      expect(useRunStore.getState().estimate?.cachedNodes).toBe(0);
      expect(useRunStore.getState().estimate?.calls).toBe(1);
    });
    act(() => setPersistentCache(null));
  });
});
