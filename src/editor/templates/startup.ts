import { DEFAULT_MODEL } from '../../engine/models';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type Workflow } from '../../engine/workflow';
import { importLinkedFile } from '../io/import-workflow';
import type { LinkedFile } from '../io/open-link';
import type { StartOptions } from '../persistence/boot';
import { useViewStore } from '../store/view-store';
import { listTemplates, loadTemplate } from './catalog';

const HINT_KEY = 'peel.hintDismissed';
/**
 * Longest wait for storage, once a link's file is here, before the file opens anyway: a database
 * that is slow to open (or blocked by another tab's upgrade) must not keep the file off the screen.
 */
export const LINK_WAITS_FOR_STORAGE_MS = 400;

export const FIRST_TEMPLATE = 'text-to-image';

const nothing = () => undefined;

/** Resolves when `promise` settles or after `ms`, whichever comes first (never rejects). */
function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([promise.then(nothing, nothing), waited]).finally(() => clearTimeout(timer));
}

/** When no template file ships: a prompt feeding a generate node. */
export function starterWorkflow(): Workflow {
  return {
    format: WORKFLOW_FORMAT,
    version: WORKFLOW_VERSION,
    name: 'Untitled',
    nodes: [
      {
        id: 'prompt',
        type: 'prompt',
        position: { x: 0, y: 0 },
        params: { text: 'a cosy reading nook by a rainy window, watercolor' },
      },
      { id: 'gen', type: 'generate', position: { x: 340, y: 0 }, params: { model: DEFAULT_MODEL } },
    ],
    edges: [
      { id: 'e-prompt-gen', source: 'prompt', sourcePort: 'text', target: 'gen', targetPort: 'prompt' },
    ],
  };
}

function hintDismissed(): boolean {
  try {
    return globalThis.localStorage?.getItem(HINT_KEY) === '1';
  } catch {
    return false;
  }
}

export function dismissHint(): void {
  useViewStore.setState({ hintVisible: false });
  try {
    globalThis.localStorage?.setItem(HINT_KEY, '1');
  } catch {
    // Without storage the hint simply shows again next visit.
  }
}

/** The template a first visit opens (the starter graph when no template file ships). */
export async function firstDocument(): Promise<Workflow> {
  const available = listTemplates().some((template) => template.file === FIRST_TEMPLATE);
  const loaded = available ? await loadTemplate(FIRST_TEMPLATE) : undefined;
  return loaded?.ok ? loaded.workflow : starterWorkflow();
}

/**
 * The first document. With storage: the workflow open last time (autosaved), or on a first visit
 * the text-to-image template, saved as a new workflow. Without IndexedDB: the template, in memory.
 * The editor renders before this resolves; the document arrives when storage has answered.
 */
export async function openInitialDocument(
  options: Omit<StartOptions, 'firstDocument' | 'keepOpenDocument' | 'opening'> = {},
  linked?: Promise<LinkedFile>,
): Promise<void> {
  useViewStore.setState({ hintVisible: !hintDismissed() });
  // Storage (Dexie and the stores over it) is its own chunk, fetched while the shell paints; the
  // database opens as soon as it is here.
  const boot = import('../persistence/boot');
  const opening = boot.then((loaded) => loaded.openStoreAhead(options));
  // A failure to open is the start's to report (memory mode); nothing waits on it unhandled.
  opening.catch(nothing);
  // A link's file, once here, opens when storage has opened (LINK_WAITS_FOR_STORAGE_MS at most,
  // counted from the file's arrival: storage's chunk may come after it), then storage keeps it as
  // a new workflow instead of reopening the last one (or building the first-visit template).
  // Opened first, a 500-node file's drawing held the main thread while the database opened, and
  // the open's steps, each waiting for it, left the page busy for longer (a trace of the first
  // visit: the page was quiet 270-300 ms after the graph was drawn, 160-200 ms with this wait).
  // A link that fails says why in the import dialog; startup goes on as usual.
  const file = linked ? await linked : undefined;
  if (file) await settledWithin(opening, LINK_WAITS_FOR_STORAGE_MS);
  const outcome = file ? await importLinkedFile(file) : undefined;
  const { startPersistence } = await boot;
  await startPersistence({
    ...options,
    firstDocument,
    keepOpenDocument: outcome?.ok === true && outcome.opened,
    opening,
  });
}
