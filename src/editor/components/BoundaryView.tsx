import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { portClass } from '../canvas/rf-adapter';
import { useDocumentStore } from '../store/document-store';
import { scopedComponent } from '../store/edit-scope';
import { INPUTS_MARKER_TYPE } from './boundary';
import { PortNameField as PortName } from './PortNameField';

/** The inputs (or outputs) of the opened component, as a marker its inner edges start (or end) at. */
export const BoundaryView = memo(function BoundaryView({ type }: NodeProps) {
  const isInputs = type === INPUTS_MARKER_TYPE;
  const component = useDocumentStore((state) => scopedComponent(state.doc));
  if (!component) return null;
  const ports = isInputs ? component.inputs : component.outputs;
  return (
    <div
      className="peel-node component-boundary nopan"
      data-testid={isInputs ? 'component-boundary-inputs' : 'component-boundary-outputs'}
    >
      <header className="node-header">
        <span className="node-title">{isInputs ? 'Inputs' : 'Outputs'}</span>
      </header>
      <div className="node-ports">
        {ports.length === 0 ? <p className="component-summary">none</p> : null}
        {ports.map((port) => (
          <div key={port.name} className={`port-row ${isInputs ? 'port-out' : 'port-in'}`}>
            <Handle
              type={isInputs ? 'source' : 'target'}
              position={isInputs ? Position.Right : Position.Left}
              id={port.name}
              className={`peel-handle port-${portClass(port.type)}`}
            />
            <PortName componentId={component.id} side={isInputs ? 'input' : 'output'} name={port.name} />
            <span className={`port-type port-${portClass(port.type)}`}>{port.type}</span>
          </div>
        ))}
      </div>
    </div>
  );
});
