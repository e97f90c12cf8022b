import { DEFAULT_MODEL } from '../../engine/models';
import { WORKFLOW_FORMAT, WORKFLOW_VERSION, type Workflow } from '../../engine/workflow';
import { commands } from '../store/document-store';
import { useViewStore } from '../store/view-store';
import { listTemplates, loadTemplate } from './catalog';

const HINT_KEY = 'peel.hintDismissed';
export const FIRST_TEMPLATE = 'text-to-image';

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

/**
 * The first document. Until autosave is wired (persistence), every visit starts like a first
 * visit: the text-to-image template, with the hint unless the user dismissed it before.
 */
export async function openInitialDocument(): Promise<void> {
  const available = listTemplates().some((template) => template.file === FIRST_TEMPLATE);
  const loaded = available ? await loadTemplate(FIRST_TEMPLATE) : undefined;
  commands.loadWorkflow(loaded?.ok ? loaded.workflow : starterWorkflow());
  useViewStore.setState({ hintVisible: !hintDismissed() });
}
