import './many.css';
import { memo } from 'react';
import { startRun } from '../run/run-actions';
import type { ElementRun } from '../store/element-runs';
import { useRunStore } from '../store/run-store';
import { useViewStore } from '../store/view-store';
import { useNodeRun } from './hooks';
import { Thumb } from './Thumb';

/** Thumbnails (images) or lines (texts), one per element; `chosen` marks a Pick's index (from 1). */
export const ElementThumbs = memo(function ElementThumbs({
  id,
  entries,
  chosen,
  onChoose,
  onReroll,
}: {
  id: string;
  entries: ReadonlyArray<Pick<ElementRun, 'images' | 'text' | 'status' | 'instanceId'> | undefined>;
  chosen?: number;
  onChoose?: (index: number) => void;
  onReroll?: (instanceId: string) => void;
}) {
  const hasImages = entries.some((entry) => (entry?.images.length ?? 0) > 0);
  if (!hasImages) {
    return (
      <ol className="element-lines nowheel" data-testid={`element-lines-${id}`}>
        {entries.map((entry, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: elements are numbered by position
          <li key={index} className={chosen === index + 1 ? 'chosen' : undefined}>
            {onChoose ? (
              <button type="button" className="nodrag link-button" onClick={() => onChoose(index + 1)}>
                {entry?.text ?? '…'}
              </button>
            ) : (
              (entry?.text ?? '…')
            )}
          </li>
        ))}
      </ol>
    );
  }
  return (
    <div className="element-thumbs nowheel" data-testid={`element-strip-${id}`}>
      {entries.map((entry, index) => {
        const hash = entry?.images[0];
        const label = `element ${index + 1} of ${entries.length}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: elements are numbered by position
          <span key={index} className="element-cell">
            <button
              type="button"
              className={`element-thumb nodrag status-${entry?.status ?? 'queued'}${chosen === index + 1 ? ' chosen' : ''}`}
              title={onChoose ? `Use ${label}` : `Open ${label}`}
              aria-label={onChoose ? `Use ${label}` : `Open ${label}`}
              aria-pressed={onChoose ? chosen === index + 1 : undefined}
              data-testid={`element-${id}-${index + 1}`}
              onClick={() => {
                if (onChoose) onChoose(index + 1);
                else if (hash) useViewStore.setState({ viewer: { nodeId: id, hash } });
              }}
            >
              {hash ? <Thumb hash={hash} alt={label} /> : null}
              <span className="element-index">{index + 1}</span>
            </button>
            {onReroll && entry?.instanceId ? (
              <button
                type="button"
                className="element-reroll nodrag"
                title={`Re-roll ${label} (a new call for this element only)`}
                data-testid={`element-reroll-${id}-${index + 1}`}
                onClick={() => onReroll(entry.instanceId)}
              >
                ↻
              </button>
            ) : null}
          </span>
        );
      })}
    </div>
  );
});

/** A mapped node's elements: "n of N" while running, the count after, and one re-roll per element. */
export const ElementStrip = memo(function ElementStrip({ id }: { id: string }) {
  const elements = useNodeRun(id).elements;
  const running = useRunStore((state) => state.running);
  if (!elements) return null;
  const progress =
    elements.finished < elements.count
      ? `${elements.finished} of ${elements.count}`
      : `${elements.count} element${elements.count === 1 ? '' : 's'}`;
  return (
    <div className="element-strip" data-testid={`elements-${id}`}>
      <span className="element-count" data-testid={`elements-progress-${id}`}>
        {progress}
      </span>
      <ElementThumbs
        id={id}
        entries={elements.entries}
        {...(running ? {} : { onReroll: (instanceId: string) => void startRun({ reroll: [instanceId] }) })}
      />
    </div>
  );
});
