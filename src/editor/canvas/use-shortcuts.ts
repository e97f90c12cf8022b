import { useEffect } from 'react';
import { addFrame } from '../annotations/add-annotation';
import { makeComponentFromSelection } from '../components/component-commands';
import { importDroppedFiles } from '../io/drop';
import { importWorkflowFromText, isWorkflowFileText } from '../io/import-workflow';
import { newBlankWorkflow } from '../panels/TemplateMenu';
import { cancelRun, startRun } from '../run/run-actions';
import { commands, useDocumentStore } from '../store/document-store';
import { nodeCommands } from '../store/node-commands';
import { useViewStore, view } from '../store/view-store';
import { closeTab, cycleTab } from '../tabs/tabs';
import { useTabsStore } from '../tabs/tabs-store';
import { clipFromText, copySelection, duplicateSelection, pasteClip } from './clipboard';
import { fitCanvas, fitCanvasTo } from './fit';
import { useFlow } from './flow-handle';
import { useKeyboardResize } from './keyboard-resize';
import { undoFieldTyping } from './text-undo';
import { tidyLayout } from './tidy';

const isEditable = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/** Inputs whose value is typed text: the browser's own undo belongs to them. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number']);

/**
 * Ctrl/⌘+Z in a field the user types into undoes the typing (text-undo.ts), never a graph step the
 * user cannot see from there.
 * Checkboxes, selects and buttons have no text to undo: there it stays graph undo.
 */
export const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable ||
    target.tagName === 'TEXTAREA' ||
    (target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)));

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
  const flow = useFlow();
  // Alt+Shift+arrows resize the selection; it listens first, so React Flow does not move the node.
  useKeyboardResize();
  useEffect(() => {
    let pastePending: ReturnType<typeof setTimeout> | undefined;
    const viewCenterInFlow = (): { x: number; y: number } => {
      const box = document.querySelector('.react-flow')?.getBoundingClientRect();
      if (!box) return { x: 0, y: 0 };
      return flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 });
    };
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
        if (isTextField(event.target)) {
          // The field's own typing, or the browser's text undo; never a graph step from a field.
          if (undoFieldTyping(event.target as HTMLElement, key === 'y' || event.shiftKey))
            event.preventDefault();
          return;
        }
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
      // Workflow tabs: Alt+PageDown / Alt+PageUp switch, Alt+W closes (Ctrl+Tab and Ctrl+W belong to the browser).
      if (event.altKey && !mod && (event.key === 'PageDown' || event.key === 'PageUp')) {
        event.preventDefault();
        cycleTab(event.key === 'PageDown' ? 1 : -1);
        return;
      }
      if (event.altKey && !mod && event.code === 'KeyW') {
        event.preventDefault();
        const { activeId } = useTabsStore.getState();
        if (activeId) void closeTab(activeId);
        return;
      }
      if (editing) return;
      if (mod && key === 'a') {
        event.preventDefault();
        selectAll();
      } else if (mod && !event.shiftKey && !event.altKey && key === 'g') {
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
        fitCanvas(flow);
      } else if (!mod && event.shiftKey && key === 'l') {
        void tidyLayout((bounds) => fitCanvasTo(flow, bounds));
      } else if (mod && !event.shiftKey && key === 'b') {
        // Bypass, as in ComfyUI: the selected nodes pass their input through without running.
        event.preventDefault();
        nodeCommands.toggleBypass(useViewStore.getState().selectedNodes);
      } else if (event.altKey && !mod && event.code === 'KeyC') {
        event.preventDefault();
        nodeCommands.toggleCollapsed(useViewStore.getState().selectedNodes);
      } else if (mod && event.altKey && event.code === 'KeyG') {
        // Ctrl/⌘+G makes a component (issue #15); with Alt, a frame around the selection.
        event.preventDefault();
        addFrame(viewCenterInFlow());
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
