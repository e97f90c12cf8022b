import { ElementThumbs } from '../../node-ui/ElementStrip';
import { count } from '../../text/count';
import type { RowElements } from './batch-store';

/** A row's mapped nodes: each with its element count and strip (thumbnails with their index, or lines). */
export function RowElementStrips({ row, groups }: { row: number; groups: readonly RowElements[] }) {
  return (
    <>
      {groups.map((group) => (
        <div
          key={group.nodeId}
          className="batch-elements"
          data-testid={`batch-row-elements-${row}-${group.nodeId}`}
        >
          <span className="element-count">
            {group.label} · {count(group.count, 'element')}
          </span>
          <ElementThumbs id={`row${row}-${group.nodeId}`} entries={group.entries} />
        </div>
      ))}
    </>
  );
}
