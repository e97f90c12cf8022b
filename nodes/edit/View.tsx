import { memo } from 'react';
import {
  bool,
  commands,
  ModelFields,
  NodeFrame,
  type NodeViewProps,
  OutputPreview,
  str,
  useInputConnected,
  useNodeParams,
} from '../../src/editor/node-kit';
import { CombineWhenMany } from '../shared/CombineField';

export const EditView = memo(function EditView({ id, selected }: NodeViewProps) {
  const params = useNodeParams(id);
  // A connected "instruction" input wins over the typed one; say so instead of hiding the field.
  const instructionWired = useInputConnected(id, 'instruction');
  return (
    <NodeFrame id={id} type="edit" selected={selected}>
      <ModelFields id={id} params={params} />
      <label className="field">
        <span>Instruction</span>
        <textarea
          className="nodrag nowheel"
          data-testid={`instruction-${id}`}
          rows={3}
          value={str(params.instruction)}
          placeholder={instructionWired ? 'Using the connected prompt' : 'e.g. make the sky stormy'}
          disabled={instructionWired}
          onChange={(event) =>
            commands.setParam(id, 'instruction', event.target.value === '' ? undefined : event.target.value)
          }
        />
      </label>
      <label className="field field-check">
        <input
          type="checkbox"
          className="nodrag"
          data-testid={`continue-${id}`}
          checked={bool(params.continueConversation, true)}
          onChange={(event) => commands.setParam(id, 'continueConversation', event.target.checked)}
        />
        <span>Continue the conversation</span>
      </label>
      <CombineWhenMany id={id} value={params.combine} />
      <OutputPreview id={id} reserve />
    </NodeFrame>
  );
});
