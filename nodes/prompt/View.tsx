import { memo } from 'react';
import {
  commands,
  ExposeField,
  NodeFrame,
  type NodeViewProps,
  str,
  useWorkflowNode,
} from '../../src/editor/node-kit';

/** Prompt: a text area; each keystroke is a command, a typing burst one undo step. */
export const PromptView = memo(function PromptView({ id, selected }: NodeViewProps) {
  const node = useWorkflowNode(id);
  const text = str(node?.params.text);
  return (
    <NodeFrame id={id} type="prompt" selected={selected}>
      <textarea
        className="nodrag nowheel prompt-text"
        data-testid={`prompt-text-${id}`}
        aria-label="Prompt"
        value={text}
        rows={4}
        maxLength={100_000}
        placeholder="Describe the image…"
        onChange={(event) => commands.setParam(id, 'text', event.target.value)}
      />
      <ExposeField id={id} value={node?.exposeAs} />
    </NodeFrame>
  );
});
