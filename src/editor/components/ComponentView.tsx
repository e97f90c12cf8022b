import './components.css';
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { componentById } from '../../engine/components/ports';
import {
  type ComponentInput,
  componentIdOf,
  instanceInputValues,
  PATH_SEPARATOR,
} from '../../engine/components/types';
import type { CanvasNode } from '../canvas/rf-adapter';
import { portClass } from '../canvas/rf-adapter';
import { ExposeField } from '../node-ui/ExposeField';
import { useNodeErrors, useWorkflowNode } from '../node-ui/hooks';
import { OutputPreview } from '../node-ui/OutputPreview';
import { useDocumentStore } from '../store/document-store';
import { useRunStore } from '../store/run-store';
import { openComponent } from './ComponentBreadcrumb';
import { exportComponentFile, setInstanceInput, ungroupInstance } from './component-commands';
import { ComponentLibraryButtons } from './LibraryComponents';
import { RenamablePortName } from './PortNameField';

/**
 * A component instance: its name, typed inputs (an unconnected one shows its value, editable),
 * outputs, and, collapsed, the outputs its inner nodes made. Ungroup puts the nodes back.
 */
export const ComponentView = memo(function ComponentView({ id, selected }: NodeProps<CanvasNode>) {
  const node = useWorkflowNode(id);
  const definition = useDocumentStore((state) =>
    node ? componentById(state.doc.components, componentIdOf(node)) : undefined,
  );
  const connected = useDocumentStore((state) =>
    state.doc.edges
      .filter((edge) => edge.target === id)
      .map((edge) => edge.targetPort)
      .sort()
      .join('\n'),
  );
  const errors = useNodeErrors(id);
  const running = useRunStore((state) =>
    Object.entries(state.nodes).some(
      ([nodeId, run]) => nodeId.startsWith(id + PATH_SEPARATOR) && run.status === 'running',
    ),
  );
  const connectedInputs = new Set(connected.split('\n'));
  const values = node ? instanceInputValues(node) : {};
  const title = node?.label || definition?.name || 'Component';
  return (
    <div
      className={`peel-node node-component${running ? ' status-running' : ''}${selected ? ' selected' : ''}`}
      data-testid={`node-${id}`}
      data-node-type="component"
    >
      <header className="node-header">
        <span className="node-title" data-testid={`node-title-${id}`}>
          {title}
        </span>
        <span className="node-id" title="Node id">
          {id}
        </span>
      </header>
      {definition ? (
        <div className="node-ports">
          <div className="ports-in">
            {definition.inputs.map((input) => (
              <div key={input.name} className="port-row port-in" data-testid={`port-in-${input.name}`}>
                <Handle
                  type="target"
                  position={Position.Left}
                  id={input.name}
                  className={`peel-handle port-${portClass(input.type)}`}
                  title={`${input.name}: ${input.type}${input.optional ? ' (optional)' : ''}`}
                />
                <RenamablePortName componentId={definition.id} side="input" name={input.name} />
                <span className={`port-type port-${portClass(input.type)}`}>{input.type}</span>
                {connectedInputs.has(input.name) ? null : (
                  <InputValue instanceId={id} input={input} value={values[input.name]} />
                )}
              </div>
            ))}
          </div>
          <div className="ports-out">
            {definition.outputs.map((output) => (
              <div key={output.name} className="port-row port-out" data-testid={`port-out-${output.name}`}>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={output.name}
                  className={`peel-handle port-${portClass(output.type)}`}
                  title={`${output.name}: ${output.type}`}
                />
                <RenamablePortName componentId={definition.id} side="output" name={output.name} />
                <span className={`port-type port-${portClass(output.type)}`}>{output.type}</span>
              </div>
            ))}
          </div>
        </div>
      ) : null}
      <div className="node-body">
        {definition ? (
          <>
            <p className="component-summary" data-testid={`component-summary-${id}`}>
              {definition.nodes.length} node{definition.nodes.length === 1 ? '' : 's'} inside
            </p>
            <details className="component-outputs nodrag" data-testid={`component-outputs-${id}`}>
              <summary>Outputs it made</summary>
              {definition.outputs.map((output) => (
                <OutputPreview key={output.name} id={`${id}${PATH_SEPARATOR}${output.from.node}`} />
              ))}
            </details>
            <div className="component-actions">
              <button
                type="button"
                className="nodrag"
                data-testid={`component-open-${id}`}
                title="Open: edit the nodes inside (every instance follows)"
                onClick={() => openComponent(definition.id)}
              >
                Open
              </button>
              <button
                type="button"
                className="nodrag"
                data-testid={`component-ungroup-${id}`}
                onClick={() => ungroupInstance(id)}
              >
                Ungroup
              </button>
              <button
                type="button"
                className="nodrag"
                data-testid={`component-export-${id}`}
                title="Save this component as its own file"
                onClick={() => exportComponentFile(definition.id)}
              >
                Export
              </button>
              <ComponentLibraryButtons componentId={definition.id} />
            </div>
            <ExposeField id={id} value={node?.exposeAs} />
          </>
        ) : (
          <p className="node-problem">This component is not in the workflow.</p>
        )}
      </div>
      {errors.length > 0 ? (
        <div className="node-problems" data-testid={`node-error-${id}`} role="alert">
          {errors.map((message) => (
            <p key={message} className="node-problem">
              {message}
            </p>
          ))}
        </div>
      ) : null}
    </div>
  );
});

/** An unconnected input's value on this instance: text is typed; images show what they hold. */
function InputValue({
  instanceId,
  input,
  value,
}: {
  instanceId: string;
  input: ComponentInput;
  value: unknown;
}) {
  if (input.type === 'text') {
    const text = typeof value === 'string' ? value : '';
    const fallback = typeof input.default === 'string' ? input.default : '';
    return (
      <textarea
        className="nodrag nowheel component-input-text"
        aria-label={`Input ${input.name}`}
        data-testid={`component-input-${instanceId}-${input.name}`}
        value={text}
        rows={2}
        maxLength={100_000}
        placeholder={fallback || 'Type a value or connect a Prompt'}
        onChange={(event) =>
          setInstanceInput(instanceId, input.name, event.target.value === '' ? undefined : event.target.value)
        }
      />
    );
  }
  const images = value ?? input.default;
  const count = Array.isArray(images) ? images.length : images ? 1 : 0;
  return (
    <span className="component-input-images" data-testid={`component-input-${instanceId}-${input.name}`}>
      {count === 0 ? 'no image: connect one' : `${count} image${count === 1 ? '' : 's'} (default)`}
    </span>
  );
}
