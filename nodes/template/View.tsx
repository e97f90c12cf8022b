import { memo } from 'react';
import {
  commands,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  str,
  useNodeParams,
} from '../../src/editor/node-kit';
import { CombineField } from '../shared/CombineField';
import { placeholdersOf } from './placeholders';

/** Template: a prompt with {name} placeholders; each placeholder appears as an input port. */
export const TemplateView = memo(function TemplateView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  const text = str(params.text);
  const names = placeholdersOf(text);
  return (
    <NodeFrame id={id} type="template" selected={selected}>
      <textarea
        className="nodrag nowheel prompt-text"
        data-testid={`template-text-${id}`}
        aria-label="Template"
        value={text}
        rows={4}
        maxLength={100_000}
        placeholder="A photo of {product} on {scene}"
        onChange={(event) => commands.setParam(id, 'text', event.target.value)}
      />
      <small className="field-hint">
        {names.length > 0
          ? `inputs: ${names.map((name) => `{${name}}`).join(' ')}`
          : 'write {name} to add an input'}
        {' · {{ }} for braces'}
      </small>
      {names.length > 1 ? <CombineField id={id} value={params.combine} /> : null}
      <OutputPreview id={id} />
    </NodeFrame>
  );
});
