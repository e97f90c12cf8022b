import { memo, useEffect, useState } from 'react';
import { commands, NodeFrame, type NodeViewProps, useNodeParams } from '../../src/editor/node-kit';
import { itemsFromLines } from './definition';

const itemsOf = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/**
 * List: one item per line. A column pasted from a spreadsheet arrives as lines (other columns,
 * after a tab, are dropped). The text box keeps what is typed; the items are its non-blank lines.
 */
export const ListView = memo(function ListView({ id, selected }: NodeViewProps) {
  const items = itemsOf(useNodeParams(id).items);
  const joined = items.join('\n');
  const [text, setText] = useState(joined);
  // Undo, redo or a file load changed the items: show them.
  useEffect(() => {
    setText((current) => (itemsFromLines(current).join('\n') === joined ? current : joined));
  }, [joined]);
  return (
    <NodeFrame id={id} type="list" selected={selected}>
      <textarea
        className="nodrag nowheel list-items"
        data-testid={`list-items-${id}`}
        aria-label="List items, one per line"
        value={text}
        rows={5}
        placeholder={'One item per line\n(or paste a spreadsheet column)'}
        onChange={(event) => {
          setText(event.target.value);
          const next = itemsFromLines(event.target.value);
          if (next.join('\n') !== joined) commands.setParam(id, 'items', next);
        }}
      />
      <small className="field-hint" data-testid={`list-count-${id}`}>
        {items.length} item{items.length === 1 ? '' : 's'}
      </small>
    </NodeFrame>
  );
});
