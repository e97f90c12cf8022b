import { nodeRegistry } from '../../../nodes/registry';
import { answerDetailsOf } from '../../engine/answer-details';
import type { RunEvent } from '../../engine/events';
import { runWorkflow } from '../../engine/executor';
import { retryPolicyWithTimeout } from '../../engine/retry-policy';
import { type ImageValue, imagesOf, type NodeOutputs } from '../../engine/values';
import { getEditorImageOps } from '../image-ops/client';
import { editorAssets } from '../images/assets';
import { imageAdded } from '../images/image-urls';
import { runRecorderFor } from '../persistence/recording';
import { showRunWarning } from '../persistence/run-warnings';
import { hasKey, useSettingsStore } from '../settings/settings-store';
import { useDocumentStore } from '../store/document-store';
import { runActions, useRunStore } from '../store/run-store';
import { view } from '../store/view-store';
import { browserHashBytes } from './browser-hash-bytes';
import { getNodeCache } from './cache-provider';
import { markFresh } from './diagnostics';
import { providerFor } from './provider-factory';

export const NEEDS_KEY_MESSAGE =
  'Running with Gemini needs an API key. Paste it below, or switch on the preview provider to try Peel for free.';

let controller: AbortController | null = null;

export function keepImages(outputs: NodeOutputs | undefined, extra: ImageValue[] = []): void {
  // Thought images are shown on the node (never outputs): their bytes are kept like the outputs'.
  const thoughtImages = answerDetailsOf(outputs).flatMap((answer) => answer.thoughtImages);
  const images: ImageValue[] = [...extra, ...thoughtImages];
  for (const value of Object.values(outputs ?? {})) {
    if (Array.isArray(value)) images.push(...imagesOf(value));
    else if (typeof value === 'object') images.push(value);
  }
  for (const image of images) {
    if (editorAssets.has(image.hash)) continue;
    editorAssets.putValue({ bytes: image.bytes, mimeType: image.mimeType, hash: image.hash });
    imageAdded(image.hash);
  }
}

function onEvent(event: RunEvent): void {
  // Bytes go to the asset store; the run store keeps only hashes.
  if (event.type === 'node-finish') {
    keepImages(
      event.outputs,
      event.exports?.map((file) => file.image),
    );
    if (event.status === 'ran' || event.status === 'cached') markFresh(event.nodeId);
  }
  runActions.apply(event);
  showRunWarning(event);
}

export interface RunRequest {
  /** Run only what these nodes need. */
  targets?: string[];
  /** Bypass the cache once for these nodes. */
  reroll?: string[];
}

/** Starts a run of the current document. Never fails silently: problems open settings or show. */
export async function startRun(request: RunRequest = {}): Promise<void> {
  if (useRunStore.getState().running) return;
  const settings = useSettingsStore.getState();
  if (settings.provider === 'gemini' && !hasKey(settings)) {
    view.openPanel('settings', NEEDS_KEY_MESSAGE);
    return;
  }
  const provider = await providerFor(settings);
  if (!provider.ok) {
    runActions.fail(provider.message);
    view.toast(`Cannot run: ${provider.message}`);
    return;
  }
  controller = new AbortController();
  const workflow = useDocumentStore.getState().doc;
  useRunStore.setState({ ranDoc: workflow });
  // Run history (IndexedDB) hears every event after the stores did; undefined without storage.
  const record = runRecorderFor(workflow, 'editor', provider.provider.route);
  try {
    const result = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: provider.provider,
      cache: getNodeCache(),
      assets: editorAssets,
      imageOps: getEditorImageOps(),
      hashBytes: browserHashBytes,
      signal: controller.signal,
      concurrency: settings.concurrency,
      retryPolicy: retryPolicyWithTimeout(settings.attemptTimeoutSeconds),
      // The cap is a promise: a run estimated over it does not start at all.
      ...(settings.budgetUsd !== null
        ? { maxCostUsd: settings.budgetUsd, refuseOverBudgetEstimate: true }
        : {}),
      ...(request.targets ? { targets: request.targets } : {}),
      // A re-roll runs the whole graph so downstream nodes see the new image; the rest comes from the cache.
      ...(request.reroll ? { reroll: request.reroll } : {}),
      onEvent: record
        ? (event) => {
            onEvent(event);
            record(event);
          }
        : onEvent,
    });
    // Refused by the cap before any call: say why, with the figures.
    if (result.error?.code === 'budget_exceeded' && result.totals.calls === 0)
      view.toast(result.error.message);
    // A rejected or missing key stops the run; the place to fix it is the settings panel.
    if (result.error?.code === 'api_key_rejected' || result.error?.code === 'api_key_missing') {
      view.openPanel('settings', result.error.message);
    }
  } catch (cause) {
    // The engine reports expected failures as events; a throw is a bug worth showing, not hiding.
    const message = cause instanceof Error ? cause.message : String(cause);
    runActions.fail(message);
    view.toast(`The run stopped: ${message}`);
  } finally {
    controller = null;
  }
}

export function cancelRun(): void {
  controller?.abort(new DOMException('cancelled by the user', 'AbortError'));
}
