import { memo } from 'react';
import {
  commands,
  ModelFields,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  str,
  useNodeParams,
} from '../../src/editor/node-kit';
import { CombineWhenMany } from '../shared/CombineField';

export const GenerateView = memo(function GenerateView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const variations = typeof params.variations === 'number' ? params.variations : 1;
  return (
    <NodeFrame id={id} type="generate" selected={selected}>
      <ModelFields id={id} params={params} />
      <label className="field">
        <span>Avoid</span>
        <input
          className="nodrag"
          data-testid={`avoid-${id}`}
          value={str(params.avoid)}
          placeholder="e.g. text, watermarks"
          onChange={(event) =>
            commands.setParam(id, 'avoid', event.target.value === '' ? undefined : event.target.value)
          }
        />
      </label>
      <label className="field field-inline">
        <span>Variations</span>
        <input
          className="nodrag"
          type="number"
          min={1}
          max={8}
          data-testid={`variations-${id}`}
          value={variations}
          onChange={(event) => {
            const next = Math.round(Number(event.target.value));
            if (Number.isFinite(next) && next >= 1 && next <= 8) commands.setParam(id, 'variations', next);
          }}
        />
      </label>
      <CombineWhenMany id={id} value={params.combine} />
      <OutputPreview id={id} reserve />
    </NodeFrame>
  );
});
