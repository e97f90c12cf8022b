import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../../src/editor/canvas/rf-adapter';
import { str, useNodeParams } from '../../src/editor/node-ui/hooks';
import { NodeFrame } from '../../src/editor/node-ui/NodeFrame';
import { OutputPreview } from '../../src/editor/node-ui/OutputPreview';
import { commands } from '../../src/editor/store/document-store';

/** Collect: every element at once (images as one list; texts joined by the separator). */
export const CollectView = memo(function CollectView({ id, selected }: NodeProps<CanvasNode>) {
  const separator = str(useNodeParams(id).separator, '\n');
  return (
    <NodeFrame id={id} type="collect" selected={selected}>
      <label className="field field-inline">
        <span>Text separator</span>
        <input
          className="nodrag"
          data-testid={`separator-${id}`}
          value={separator.replaceAll('\n', '\\n')}
          onChange={(event) => commands.setParam(id, 'separator', event.target.value.replaceAll('\\n', '\n'))}
        />
      </label>
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
