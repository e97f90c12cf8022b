import { nodeRegistry } from '../../../nodes/registry';
import { answerDetailsOf } from '../../engine/answer-details';
import { formatUsd } from '../../engine/cost';
import type { RunEvent } from '../../engine/events';
import { runWorkflow } from '../../engine/executor';
import type { ImageProvider } from '../../engine/provider';
import { retryPolicyWithTimeout } from '../../engine/retry-policy';
import { type ImageValue, imagesOf, type NodeOutputs } from '../../engine/values';
import { getEditorImageOps } from '../image-ops/client';
import { editorAssets } from '../images/assets';
import { imageAdded } from '../images/image-urls';
import { runRecorderFor } from '../persistence/recording';
import { showRunWarning } from '../persistence/run-warnings';
import { hasKey, useSettingsStore } from '../settings/settings-store';
import { useDocumentStore } from '../store/document-store';
import { useRunStore } from '../store/run-store';
import { view } from '../store/view-store';
import { browserHashBytes } from './browser-hash-bytes';
import { getNodeCache } from './cache-provider';
import { markFresh } from './diagnostics';
import { providerFor } from './provider-factory';
import { joinRunPool } from './run-pool';
import { failRunOf, routeRunEvent, shownRunOwner } from './run-routing';

export const NEEDS_KEY_MESSAGE =
  'Running with Gemini needs an API key. Paste it below, or switch on the preview provider to try Peel for free.';

/** The runs going, by the workflow (tab) they belong to (null: an editor without tabs). */
const controllers = new Map<string | null, AbortController>();

/** Test seam: toolbar runs use this provider instead of the settings' one. */
let providerOverride: ImageProvider | null = null;
export function setEditorProviderOverride(provider: ImageProvider | null): void {
  providerOverride = provider;
}

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

function onEvent(owner: string | null, event: RunEvent): void {
  // Bytes go to the asset store; the run store keeps only hashes.
  if (event.type === 'node-finish')
    keepImages(
      event.outputs,
      event.exports?.map((file) => file.image),
    );
  // The owner's tab may be in the background: its run state is parked there (run-routing.ts).
  const shown = routeRunEvent(owner, event);
  if (shown && event.type === 'node-finish' && (event.status === 'ran' || event.status === 'cached'))
    markFresh(event.nodeId);
  showRunWarning(event);
}

export interface RunRequest {
  /** Run only what these nodes need. */
  targets?: string[];
  /** Bypass the cache once for these nodes. */
  reroll?: string[];
}

/**
 * Starts a run of the current document. Never fails silently: problems open settings or show.
 * The run belongs to the workflow on screen: switching tabs lets it go on in the background.
 */
export async function startRun(request: RunRequest = {}): Promise<void> {
  let owner = shownRunOwner();
  if (useRunStore.getState().running || controllers.has(owner)) return;
  const settings = useSettingsStore.getState();
  if (!providerOverride && settings.provider === 'gemini' && !hasKey(settings)) {
    view.openPanel('settings', NEEDS_KEY_MESSAGE);
    return;
  }
  // Taken now: the user may switch tabs while the provider loads; the run stays this tab's.
  const controller = new AbortController();
  controllers.set(owner, controller);
  // A run started while a freshly loaded workflow is still being adopted (no tab shown yet)
  // belongs to the tab that shows it next: bound then, its events and its cancel follow that tab.
  const bindOwner = (): string | null => {
    const shown = shownRunOwner();
    if (owner === null && shown !== null && controllers.get(null) === controller) {
      controllers.delete(null);
      controllers.set(shown, controller);
      owner = shown;
    }
    return owner;
  };
  const workflow = useDocumentStore.getState().doc;
  useRunStore.setState({ ranDoc: workflow });
  const provider = providerOverride
    ? ({ ok: true, provider: providerOverride } as const)
    : await providerFor(settings);
  if (!provider.ok) {
    controllers.delete(bindOwner());
    failRunOf(owner, provider.message);
    view.toast(`Cannot run: ${provider.message}`);
    return;
  }
  // Runs in other tabs share the budget cap and the call queue of the route (run-pool.ts).
  const pooled = joinRunPool(
    `${provider.provider.id}:${provider.provider.route ?? ''}`,
    settings.concurrency,
    settings.budgetUsd,
  );
  if (!pooled.ok) {
    controllers.delete(owner);
    view.toast(pooled.message);
    return;
  }
  // Run history (IndexedDB) hears every event after the stores did; undefined without storage.
  const record = runRecorderFor(workflow, 'editor', provider.provider.route, bindOwner());
  // What runs in other tabs could still spend when this one was planned (for the refusal's words).
  let heldAtStart = 0;
  try {
    const result = await runWorkflow(workflow, {
      registry: nodeRegistry,
      provider: provider.provider,
      cache: getNodeCache(),
      assets: editorAssets,
      imageOps: getEditorImageOps(),
      hashBytes: browserHashBytes,
      signal: controller.signal,
      retryPolicy: retryPolicyWithTimeout(settings.attemptTimeoutSeconds),
      // The cap is a promise: a run estimated over it does not start at all.
      ...(settings.budgetUsd !== null ? { refuseOverBudgetEstimate: true } : {}),
      shared: pooled.run.shared,
      ...(request.targets ? { targets: request.targets } : {}),
      // A re-roll runs the whole graph so downstream nodes see the new image; the rest comes from the cache.
      ...(request.reroll ? { reroll: request.reroll } : {}),
      onEvent: (event) => {
        if (event.type === 'run-start') {
          heldAtStart = pooled.run.heldByOthers();
          pooled.run.planned(event.estimate);
        }
        onEvent(bindOwner(), event);
        record?.(event);
      },
    });
    // Refused by the cap before any call: say why, with the figures.
    if (result.error?.code === 'budget_exceeded' && result.totals.calls === 0)
      view.toast(
        heldAtStart > 0 && settings.budgetUsd !== null
          ? `Not started: runs in other tabs may still spend ${formatUsd(heldAtStart)} of the ${formatUsd(settings.budgetUsd)} budget cap, and this run is estimated at ${formatUsd(result.estimate.usd)}. Wait for them to end, or raise the cap in Settings.`
          : result.error.message,
      );
    // A rejected or missing key stops the run; the place to fix it is the settings panel.
    if (result.error?.code === 'api_key_rejected' || result.error?.code === 'api_key_missing') {
      view.openPanel('settings', result.error.message);
    }
  } catch (cause) {
    // The engine reports expected failures as events; a throw is a bug worth showing, not hiding.
    const message = cause instanceof Error ? cause.message : String(cause);
    failRunOf(bindOwner(), message);
    view.toast(`The run stopped: ${message}`);
  } finally {
    pooled.run.leave();
    if (controllers.get(bindOwner()) === controller) controllers.delete(owner);
  }
}

/** Cancels the run of the workflow on screen. */
export function cancelRun(): void {
  cancelRunOf(shownRunOwner());
}

/** Cancels the run of workflow `owner`, on screen or in a background tab. */
export function cancelRunOf(owner: string | null): void {
  controllers.get(owner)?.abort(new DOMException('cancelled by the user', 'AbortError'));
}
