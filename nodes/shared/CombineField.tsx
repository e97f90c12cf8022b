import { commands, useManyInputCount } from '../../src/editor/node-kit';

/** How two many values meet at this node: every pairing (cross) or element by element (zip). */
export function CombineField({ id, value }: { id: string; value: unknown }) {
  return (
    <label className="field field-inline">
      <span>Combine lists</span>
      <select
        className="nodrag"
        data-testid={`combine-${id}`}
        value={value === 'zip' ? 'zip' : 'cross'}
        onChange={(event) =>
          commands.setParam(id, 'combine', event.target.value === 'zip' ? 'zip' : undefined)
        }
      >
        <option value="cross">every pairing (cross)</option>
        <option value="zip">element by element (zip)</option>
      </select>
    </label>
  );
}

/**
 * The Combine choice on a node where two or more inputs receive many values (Generate, Edit, Text
 * model, Composite, Compare); kept while set to zip, so the choice can be undone after a rewire.
 */
export function CombineWhenMany({ id, value }: { id: string; value: unknown }) {
  const manyInputs = useManyInputCount(id);
  return manyInputs >= 2 || value === 'zip' ? <CombineField id={id} value={value} /> : null;
}
