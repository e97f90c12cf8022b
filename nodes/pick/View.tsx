import { memo } from 'react';
import {
  commands,
  ElementThumbs,
  ExposeField,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  useInputSource,
  useNodeParams,
  useNodeRun,
  useWorkflowNode,
} from '../../src/editor/node-kit';

/**
 * Pick: the strip of what arrives (a mapped node's elements, or a Generate's variations); a click
 * on a thumbnail sets the index (one undo step), so the run continues from the chosen one.
 */
export const PickView = memo(function PickView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const exposeAs = useWorkflowNode(id)?.exposeAs;
  const index = typeof params.index === 'number' ? params.index : 1;
  const source = useInputSource(id, 'items');
  const upstream = useNodeRun(source ?? '');
  const entries =
    upstream.elements?.entries ??
    (upstream.outputs?.images ?? []).map((hash) => ({
      images: [hash],
      status: upstream.status,
      instanceId: '',
    }));
  const choose = (next: number) => {
    if (next !== index) commands.setParam(id, 'index', next);
  };
  return (
    <NodeFrame id={id} type="pick" selected={selected}>
      <label className="field field-inline">
        <span>Index</span>
        <input
          className="nodrag"
          type="number"
          min={1}
          data-testid={`pick-index-${id}`}
          value={index}
          onChange={(event) => {
            const next = Math.round(Number(event.target.value));
            if (Number.isFinite(next) && next >= 1) choose(next);
          }}
        />
      </label>
      {entries.length > 0 ? (
        <ElementThumbs id={id} entries={entries} chosen={index} onChoose={choose} />
      ) : (
        <small className="field-hint">Run once, then click the one to keep</small>
      )}
      {/* Exposed, the index comes from the run form, `--input NAME=3` or a batch column. */}
      <ExposeField id={id} value={exposeAs} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
