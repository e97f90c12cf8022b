/** Every keyboard shortcut, for the help panel (the handler lives in use-shortcuts.ts). */
export interface ShortcutInfo {
  keys: string;
  action: string;
}

export const SHORTCUTS: readonly ShortcutInfo[] = [
  { keys: 'Ctrl/⌘ + Enter', action: 'Run the workflow' },
  { keys: 'Ctrl/⌘ + Shift + Enter', action: 'Run up to the selected nodes' },
  { keys: 'Ctrl/⌘ + .', action: 'Cancel the run' },
  { keys: 'Ctrl/⌘ + Z', action: 'Undo (in a text field: undo the typing)' },
  { keys: 'Ctrl/⌘ + Shift + Z, Ctrl + Y', action: 'Redo' },
  { keys: 'Ctrl/⌘ + N, Alt + N', action: 'New blank workflow' },
  { keys: 'Alt + PageDown, Alt + PageUp', action: 'Next or previous workflow tab' },
  { keys: 'Alt + W', action: 'Close the workflow tab' },
  { keys: 'F2, double-click a title', action: 'Rename the selected node' },
  { keys: 'Ctrl/⌘ + C', action: 'Copy the selected nodes' },
  { keys: 'Ctrl/⌘ + V', action: 'Paste nodes' },
  { keys: 'Ctrl/⌘ + D', action: 'Duplicate the selected nodes' },
  { keys: 'Ctrl/⌘ + A', action: 'Select all nodes' },
  { keys: 'Ctrl/⌘ + G', action: 'Make a component of the selected nodes' },
  { keys: 'Delete, Backspace', action: 'Delete the selection' },
  { keys: 'Ctrl/⌘ + B', action: 'Bypass the selected nodes (or run them again)' },
  { keys: 'Alt + C', action: 'Collapse or expand the selected nodes' },
  { keys: 'Alt + Shift + arrow keys', action: 'Resize the selected nodes by 8 px (right/down grow)' },
  { keys: 'Ctrl/⌘ + Alt + Shift + arrow keys', action: 'Resize the selected nodes by 1 px' },
  { keys: 'Ctrl/⌘ + Alt + G', action: 'Frame the selected nodes' },
  { keys: 'F', action: 'Fit the graph in view' },
  { keys: 'Shift + L', action: 'Auto-layout' },
  { keys: 'Escape', action: 'Close popups and panels, clear the selection' },
  { keys: '?', action: 'Show this help' },
  { keys: 'Double-click the canvas', action: 'Search for a node to add' },
  { keys: 'Release a link on empty canvas', action: 'Add a node already connected' },
  { keys: 'Ctrl/⌘ + click, Shift + drag', action: 'Select several nodes' },
];
