import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { makeComponentFromSelection } from '../components/component-commands';
import { importDroppedFiles } from '../io/drop';
import { importWorkflowFromText, isWorkflowFileText } from '../io/import-workflow';
import { newBlankWorkflow } from '../panels/TemplateMenu';
import { cancelRun, startRun } from '../run/run-controller';
import { commands, useDocumentStore } from '../store/document-store';
import { useViewStore, view } from '../store/view-store';
import { clipFromText, copySelection, duplicateSelection, pasteClip } from './clipboard';
import { tidyLayout } from './tidy';

const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Undo inside a node's own fields goes to the document history too (the field is the document). */
const inCanvas = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && target.closest('.react-flow') !== null;

export function deleteSelection(): void {
  const { selectedNodes, selectedEdges } = useViewStore.getState();
  commands.deleteSelection(selectedNodes, selectedEdges);
  view.select([]);
}

export function selectAll(): void {
  view.select(useDocumentStore.getState().doc.nodes.map((node) => node.id));
}

/** Window-level keyboard shortcuts (see shortcut-table.ts) and system clipboard events. */
export function useShortcuts(): void {
  const flow = useReactFlow();
  useEffect(() => {
    let pastePending: ReturnType<typeof setTimeout> | undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const editing = isEditable(event.target);
      if (mod && key === 'enter') {
        event.preventDefault();
        const targets = [...useViewStore.getState().selectedNodes];
        void startRun(event.shiftKey && targets.length > 0 ? { targets } : {});
        return;
      }
      if (key === 'escape') {
        const state = useViewStore.getState();
        if (state.search || state.viewer || state.panel) {
          useViewStore.setState({ search: null, viewer: null, panel: null });
        } else if (!editing) view.select([]);
        return;
      }
      if (mod && (key === 'z' || key === 'y')) {
        if (editing && !inCanvas(event.target)) return;
        event.preventDefault();
        if (key === 'y' || event.shiftKey) commands.redo();
        else commands.undo();
        return;
      }
      // Ctrl/⌘+N: a new blank workflow (Alt+N too: some browsers keep Ctrl+N for a new window).
      if ((mod && !event.shiftKey && key === 'n') || (event.altKey && !mod && key === 'n')) {
        event.preventDefault();
        newBlankWorkflow();
        return;
      }
      if (editing) return;
      if (mod && key === 'a') {
        event.preventDefault();
        selectAll();
      } else if (mod && !event.shiftKey && key === 'g') {
        event.preventDefault();
        if (useViewStore.getState().selectedNodes.size > 0) makeComponentFromSelection();
      } else if (mod && key === 'd') {
        event.preventDefault();
        duplicateSelection();
      } else if (mod && key === 'c') {
        const text = copySelection();
        // The 'copy' event below writes the text; this covers browsers that skip it.
        if (text) navigator.clipboard?.writeText(text).catch(() => undefined);
      } else if (mod && key === 'v') {
        // Prefer the system clipboard (the 'paste' event); fall back to the in-memory clip.
        pastePending = setTimeout(() => {
          pastePending = undefined;
          pasteClip();
        }, 80);
      } else if (key === 'delete' || key === 'backspace') {
        event.preventDefault();
        deleteSelection();
      } else if (!mod && key === 'f') {
        void flow.fitView({ padding: 0.2, duration: 200 });
      } else if (!mod && event.shiftKey && key === 'l') {
        void tidyLayout(() => void flow.fitView({ padding: 0.2, duration: 200 }));
      } else if (event.key === 'F2') {
        const [only] = useViewStore.getState().selectedNodes;
        if (only) {
          event.preventDefault();
          useViewStore.setState({ renaming: only });
        }
      } else if (event.key === '?') {
        view.togglePanel('help');
      } else if (key === '.' && mod) {
        cancelRun();
      }
    };
    const onCopy = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      const text = copySelection();
      if (!text || !event.clipboardData) return;
      event.clipboardData.setData('text/plain', text);
      event.preventDefault();
    };
    const viewCenterInFlow = (): { x: number; y: number } => {
      const box = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!box) return { x: 0, y: 0 };
      return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return;
      if (pastePending) clearTimeout(pastePending);
      pastePending = undefined;
      const files = [...(event.clipboardData?.files ?? [])];
      const text = event.clipboardData?.getData('text/plain') ?? '';
      event.preventDefault();
      // A pasted image (a screenshot, a copied photo): a workflow it carries, or a new reference set in view.
      if (files.length > 0) {
        void importDroppedFiles(files, viewCenterInFlow());
        return;
      }
      // A whole workflow file is an import (replaces the document); copied nodes are a paste.
      if (isWorkflowFileText(text)) {
        importWorkflowFromText(text);
        return;
      }
      pasteClip(clipFromText(text) ?? undefined);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      if (pastePending) clearTimeout(pastePending);
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [flow]);
}
