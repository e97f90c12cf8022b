import { memo } from 'react';
import { nodeRegistry } from '../../../nodes/registry';
import { useDocumentStore } from '../store/document-store';
import { nodeById } from '../store/node-index';
import { useViewStore } from '../store/view-store';
import { AnswerExtras } from './AnswerExtras';
import { ElementStrip } from './ElementStrip';
import { useNodeParams, useNodeRun, useNodeStale } from './hooks';
import { StaleTag } from './StaleTag';
import { Thumb } from './Thumb';

/** The node's latest outputs; a click opens the full-size viewer with earlier outputs to compare. */
export const OutputPreview = memo(function OutputPreview({
  id,
  reserve = false,
}: {
  id: string;
  /** Keep the output area's room before there is an output, so the node never grows into a neighbour. */
  reserve?: boolean;
}) {
  const run = useNodeRun(id);
  const stale = useNodeStale(id);
  const showThoughts = useNodeParams(id).showThoughts === true;
  // Grounding and thoughts belong to the node that asked the model, not to tools downstream of it.
  const asksModel = useDocumentStore((state) => {
    const type = nodeById(state.doc, id)?.type;
    return type !== undefined && Object.hasOwn(nodeRegistry, type)
      ? (nodeRegistry as Record<string, { callsModel?: boolean }>)[type]?.callsModel === true
      : false;
  });
  const outputs = run.outputs;
  // A node that maps over many values shows its elements as a strip, with the count.
  if (run.elements) {
    return (
      <div className={`node-outputs${stale ? ' outputs-stale' : ''}`} data-testid={`node-outputs-${id}`}>
        {stale ? <StaleTag id={id} stale={stale} /> : null}
        <ElementStrip id={id} />
      </div>
    );
  }
  if (!outputs || (outputs.images.length === 0 && !outputs.text)) {
    return reserve ? (
      <div className="node-outputs node-outputs-empty" data-testid={`node-outputs-empty-${id}`}>
        Output appears here after a run
      </div>
    ) : null;
  }
  return (
    <>
      <div
        className={`node-outputs${stale ? ' outputs-stale' : ''}`}
        data-testid={`node-outputs-${id}`}
        data-stale={stale ?? undefined}
      >
        {stale ? <StaleTag id={id} stale={stale} /> : null}
        <div className="output-grid">
          {outputs.images.map((hash, index) => (
            <button
              // Variations can return identical images: the position tells them apart.
              // biome-ignore lint/suspicious/noArrayIndexKey: outputs are numbered by position
              key={`${index}-${hash}`}
              type="button"
              className="output-thumb nodrag"
              title="Open full size"
              data-testid={`output-${id}-${index}`}
              onClick={() => useViewStore.setState({ viewer: { nodeId: id, hash } })}
            >
              <Thumb hash={hash} alt={`output ${index + 1} of ${id}`} />
            </button>
          ))}
        </div>
        {outputs.text ? <p className="output-text">{outputs.text}</p> : null}
      </div>
      {/* Below the fixed output area: sources stay visible with the grounded answer. */}
      {asksModel ? (
        <AnswerExtras outputs={outputs} showThoughts={showThoughts} testId={`answer-extras-${id}`} />
      ) : null}
    </>
  );
});
