import type { Position } from '../../engine/workflow';
import { useDocumentStore } from '../store/document-store';
import { nodeCommands } from '../store/node-commands';
import { useViewStore, view } from '../store/view-store';
import { nodeBox } from './frame-contents';

export const NOTE_SIZE = { width: 240, height: 160 };
export const FRAME_SIZE = { width: 640, height: 420 };
/** Room around the nodes a new frame wraps (the title bar above them needs more). */
const FRAME_PADDING = 32;
const FRAME_TITLE = 40;

/** A sticky note centred on `centre`. */
export function addNote(centre: Position): string {
  const id = nodeCommands.addAnnotation({
    type: 'note',
    position: {
      x: Math.round(centre.x - NOTE_SIZE.width / 2),
      y: Math.round(centre.y - NOTE_SIZE.height / 2),
    },
    size: NOTE_SIZE,
  });
  view.select([id]);
  return id;
}

/**
 * A frame around the selected nodes (Ctrl/⌘+Alt+G; Ctrl/⌘+G makes a component), or, with nothing
 * selected, an empty one centred on `centre`.
 */
export function addFrame(centre: Position): string {
  const { doc } = useDocumentStore.getState();
  const { selectedNodes, measured } = useViewStore.getState();
  const boxes = doc.nodes.filter((node) => selectedNodes.has(node.id)).map((node) => nodeBox(node, measured));
  let position: Position;
  let size = FRAME_SIZE;
  if (boxes.length > 0) {
    const left = Math.min(...boxes.map((box) => box.x));
    const top = Math.min(...boxes.map((box) => box.y));
    const right = Math.max(...boxes.map((box) => box.x + box.width));
    const bottom = Math.max(...boxes.map((box) => box.y + box.height));
    position = { x: Math.round(left - FRAME_PADDING), y: Math.round(top - FRAME_PADDING - FRAME_TITLE) };
    size = {
      width: Math.round(right - left + 2 * FRAME_PADDING),
      height: Math.round(bottom - top + 2 * FRAME_PADDING + FRAME_TITLE),
    };
  } else {
    position = {
      x: Math.round(centre.x - FRAME_SIZE.width / 2),
      y: Math.round(centre.y - FRAME_SIZE.height / 2),
    };
  }
  const id = nodeCommands.addAnnotation({ type: 'frame', position, size, label: 'Frame' });
  view.select([id]);
  return id;
}
