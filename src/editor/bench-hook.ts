/**
 * Loaded only in `vite build --mode bench` builds (tree-shaken from the real app): opens
 * `/bench-workflow.json` through the normal import path so benchmarks measure the real editor.
 */
import { importWorkflowText } from '../engine/import';
import { startRun } from './run/run-controller';
import { useSettingsStore } from './settings/settings-store';
import { commands } from './store/document-store';
import { useRunStore } from './store/run-store';

declare global {
  interface Window {
    peelBench?: { loaded: Promise<number>; runPreview?: () => Promise<void>; imageOutputs?: () => number };
  }
}

async function loadBenchWorkflow(): Promise<number> {
  const response = await fetch('/bench-workflow.json');
  const imported = importWorkflowText(await response.text());
  if (!imported.ok) throw new Error(imported.error.map((e) => e.message).join('; '));
  commands.loadWorkflow(imported.value.workflow);
  return performance.now();
}

window.peelBench = {
  loaded: loadBenchWorkflow(),
  runPreview: async () => {
    useSettingsStore.setState({ provider: 'preview' });
    await startRun({});
  },
  imageOutputs: () =>
    Object.values(useRunStore.getState().nodes).reduce(
      (count, node) => count + (node.outputs?.images.length ?? 0),
      0,
    ),
};
