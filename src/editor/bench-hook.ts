/**
 * Loaded only in `vite build --mode bench` builds (tree-shaken from the real app): opens
 * `/bench-workflow.json` through the normal import path so benchmarks measure the real editor.
 * What only a bench uses (the run controller, the image-tools client) loads when a bench calls
 * it, as in the app: loaded at start, the hook's own imports were counted in the app's opening.
 */
import type { EncodedImage, ImageOpRequest } from '../engine/image-ops';
import type { Result } from '../engine/result';
import { importWorkflowFromText } from './io/import-workflow';
import { loadRunController } from './run/run-actions';
import { useSettingsStore } from './settings/settings-store';
import { useRunStore } from './store/run-store';

declare global {
  interface Window {
    peelBench?: { loaded: Promise<number>; runPreview?: () => Promise<void>; imageOutputs?: () => number };
    /** One image-tool request through the editor's worker, as a node would send it. */
    peelImageBench?: (request: ImageOpRequest) => Promise<Result<EncodedImage[]>>;
  }
}

async function loadBenchWorkflow(opened: Promise<void>, linked: boolean): Promise<number> {
  // `?reopen`: a returning user's start, the workflow open last time restored from storage.
  // `?open=/bench-workflow.json`: the app's own link opening (the editor benchmark's first visit).
  if (linked || new URLSearchParams(location.search).has('reopen')) {
    await opened.catch(() => undefined);
    return performance.now();
  }
  // Fetched while storage opens (as the bare React Flow page fetches it at once); imported once
  // the editor has its first document, so startup cannot replace it.
  const text = fetch('/bench-workflow.json').then((response) => response.text());
  await opened.catch(() => undefined);
  // The same path as a user's import (validation, assets, opening, fit to view).
  const imported = importWorkflowFromText(await text, 'the benchmark');
  if (!imported.ok) throw new Error(imported.errors.map((e) => e.message).join('; '));
  return performance.now();
}

/** Called by main.tsx in bench builds, as soon as the app starts. */
export function startBench(opened: Promise<void>, linked: boolean): void {
  window.peelBench = {
    loaded: loadBenchWorkflow(opened, linked),
    runPreview: async () => {
      useSettingsStore.setState({ provider: 'preview' });
      await (await loadRunController()).startRun({});
    },
    imageOutputs: () =>
      Object.values(useRunStore.getState().nodes).reduce(
        (count, node) => count + (node.outputs?.images.length ?? 0),
        0,
      ),
  };
}

window.peelImageBench = async (request) =>
  (await import('./image-ops/client')).getEditorImageOps().run(request, new AbortController().signal);
