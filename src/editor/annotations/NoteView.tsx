import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NodeResizeHandle } from '../node-ui/NodeSizeControls';
import { NOTE_SIZE_LIMITS } from '../node-ui/size-limits';
import { commands, useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';
import { annotationColor, ColorPicker } from './AnnotationColor';
import './annotations.css';

/**
 * A sticky note: plain text, shown as text (a textarea: no Markdown, no HTML), in a colour from the
 * design tokens. Dragged by its top strip; the engine ignores it.
 */
export const NoteView = memo(function NoteView({ id, selected }: NodeProps) {
  const text = useDocumentStore((state) => {
    const value = nodeById(state.doc, id)?.params.text;
    return typeof value === 'string' ? value : '';
  });
  const color = useDocumentStore((state) => annotationColor(nodeById(state.doc, id)?.params.color, 'yellow'));
  return (
    <div className={`peel-note annotation-${color}${selected ? ' selected' : ''}`} data-testid={`note-${id}`}>
      <div className="note-strip" title="Drag to move">
        <span>Note</span>
        {selected && <ColorPicker id={id} color={color} />}
      </div>
      <textarea
        className="note-text nodrag nowheel"
        aria-label="Note text"
        data-testid={`note-text-${id}`}
        value={text}
        maxLength={20_000}
        placeholder="Write a note…"
        onChange={(event) => commands.setParam(id, 'text', event.target.value)}
      />
      <NodeResizeHandle id={id} limits={NOTE_SIZE_LIMITS} />
    </div>
  );
});
