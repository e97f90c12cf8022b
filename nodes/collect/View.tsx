import { memo } from 'react';
import {
  commands,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  str,
  useNodeParams,
} from '../../src/editor/node-kit';

/** Collect: every element at once (images as one list; texts joined by the separator). */
export const CollectView = memo(function CollectView({ id, selected }: NodeViewProps) {
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
