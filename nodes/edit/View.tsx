import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { CanvasNode } from '../../src/editor/canvas/rf-adapter';
import { bool, str, useNodeParams } from '../../src/editor/node-ui/hooks';
import { ModelFields } from '../../src/editor/node-ui/ModelFields';
import { NodeFrame } from '../../src/editor/node-ui/NodeFrame';
import { OutputPreview } from '../../src/editor/node-ui/OutputPreview';
import { commands, useDocumentStore } from '../../src/editor/store/document-store';
import { connectedInputs } from '../../src/editor/store/node-index';

export const EditView = memo(function EditView({ id, selected }: NodeProps<CanvasNode>) {
  const params = useNodeParams(id);
  // A connected "instruction" input wins over the typed one; say so instead of hiding the field.
  const instructionWired = useDocumentStore(
    (state) => connectedInputs(state.doc, id)?.has('instruction') === true,
  );
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
      <OutputPreview id={id} reserve />
    </NodeFrame>
  );
});
