import type { RunRecord } from '../../../persistence';
import { Thumb } from '../../node-ui/Thumb';
import { storedOutputsView } from '../../persistence/restore-runs';
import { useViewStore } from '../../store/view-store';

/** One run's outputs per node; a click opens the image full size. */
export function RunOutputs({ run }: { run: RunRecord }) {
  const nodes = Object.entries(run.nodes)
    .map(([nodeId, record]) => ({ nodeId, record, outputs: storedOutputsView(record.outputs) }))
    .filter((entry) => entry.outputs && (entry.outputs.images.length > 0 || entry.outputs.text));
  if (nodes.length === 0) return <p className="history-empty">This run left no outputs.</p>;
  return (
    <ul className="run-outputs" data-testid="run-outputs">
      {nodes.map(({ nodeId, record, outputs }) => (
        <li key={nodeId}>
          <strong>
            {record.element
              ? `${record.element.of} · element ${record.element.index} of ${record.element.count}`
              : nodeId}
          </strong>{' '}
          <small>{record.status}</small>
          <div className="history-thumbs">
            {outputs?.images.map((hash, index) => (
              <button
                // Variations can return identical images: the position tells them apart.
                // biome-ignore lint/suspicious/noArrayIndexKey: outputs are numbered by position
                key={`${index}-${hash}`}
                type="button"
                className="output-thumb"
                title="Open full size"
                onClick={() => useViewStore.setState({ viewer: { nodeId, hash } })}
              >
                <Thumb hash={hash} alt={`output of ${nodeId}`} className="history-thumb" />
              </button>
            ))}
          </div>
          {outputs?.text ? <p className="output-text">{outputs.text}</p> : null}
        </li>
      ))}
    </ul>
  );
}
