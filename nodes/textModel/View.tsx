import { memo } from 'react';
import {
  commands,
  currentModels,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  str,
  useNodeParams,
} from '../../src/editor/node-kit';
import { CombineWhenMany } from '../shared/CombineField';
import { DEFAULT_TEXT_MODEL } from './definition';

/** Text model: instruction (the prompt input is appended), text or a list of up to N items. */
export const TextModelView = memo(function TextModelView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const model = str(params.model, DEFAULT_TEXT_MODEL);
  const output = params.output === 'list' ? 'list' : 'text';
  const maxItems = typeof params.maxItems === 'number' ? params.maxItems : 5;
  const models = currentModels('text');
  return (
    <NodeFrame id={id} type="textModel" selected={selected}>
      <label className="field">
        <span>Model</span>
        <select
          className="nodrag"
          data-testid={`text-model-${id}`}
          value={model}
          onChange={(event) => commands.setParam(id, 'model', event.target.value)}
        >
          {models.some((one) => one.id === model) ? null : <option value={model}>{model}</option>}
          {models.map((one) => (
            <option key={one.id} value={one.id}>
              {one.displayName}
            </option>
          ))}
        </select>
      </label>
      <textarea
        className="nodrag nowheel prompt-text"
        data-testid={`instruction-${id}`}
        aria-label="Instruction"
        value={str(params.instruction)}
        rows={3}
        placeholder="Write five image prompts for this brief…"
        onChange={(event) => commands.setParam(id, 'instruction', event.target.value)}
      />
      <label className="field field-inline">
        <span>Answer</span>
        <select
          className="nodrag"
          data-testid={`output-${id}`}
          value={output}
          onChange={(event) =>
            commands.setParam(id, 'output', event.target.value === 'list' ? 'list' : 'text')
          }
        >
          <option value="text">one text</option>
          <option value="list">a list</option>
        </select>
      </label>
      {output === 'list' ? (
        <label className="field field-inline">
          <span>Up to</span>
          <input
            className="nodrag"
            type="number"
            min={1}
            max={50}
            data-testid={`max-items-${id}`}
            value={maxItems}
            onChange={(event) => {
              const next = Math.round(Number(event.target.value));
              if (Number.isFinite(next) && next >= 1 && next <= 50) commands.setParam(id, 'maxItems', next);
            }}
          />
        </label>
      ) : null}
      <CombineWhenMany id={id} value={params.combine} />
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
