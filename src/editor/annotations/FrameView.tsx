import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { NodeTitle } from '../node-ui/NodeFrame';
import { NodeResizeHandle } from '../node-ui/NodeSizeControls';
import { FRAME_SIZE_LIMITS } from '../node-ui/size-limits';
import { useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';
import { annotationColor, ColorPicker } from './AnnotationColor';
import './annotations.css';

/**
 * A frame: a titled, coloured box behind nodes. Dragging its title bar moves it with every node
 * wholly inside it (frame-contents.ts); the corner handle resizes it. The engine ignores it.
 */
export const FrameView = memo(function FrameView({ id, selected }: NodeProps) {
  const color = useDocumentStore((state) => annotationColor(nodeById(state.doc, id)?.params.color, 'blue'));
  return (
    <div
      className={`peel-frame annotation-${color}${selected ? ' selected' : ''}`}
      data-testid={`frame-${id}`}
    >
      <div className="frame-title">
        <NodeTitle id={id} fallback="Frame" />
        {selected && <ColorPicker id={id} color={color} />}
      </div>
      <NodeResizeHandle id={id} limits={FRAME_SIZE_LIMITS} />
    </div>
  );
});
