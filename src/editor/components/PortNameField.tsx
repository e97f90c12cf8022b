import { useState } from 'react';
import { renamePort } from './component-ports-commands';

interface PortNameProps {
  componentId: string;
  side: 'input' | 'output';
  name: string;
  autoFocus?: boolean;
  onDone?: () => void;
}

/** A port's name, renamed in place: Enter or leaving the field applies it (one undo step), Esc keeps it. */
export function PortNameField({ componentId, side, name, autoFocus = false, onDone }: PortNameProps) {
  return (
    <input
      key={name}
      className="nodrag nopan component-port-name"
      aria-label={`Rename ${side} ${name}`}
      data-testid={`component-${side}-name-${name}`}
      defaultValue={name}
      maxLength={64}
      // biome-ignore lint/a11y/noAutofocus: opened on purpose by a double-click or F2 on the name.
      autoFocus={autoFocus}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.currentTarget.blur();
        if (event.key === 'Escape') {
          event.currentTarget.value = name;
          event.currentTarget.blur();
        }
        event.stopPropagation();
      }}
      onBlur={(event) => {
        const next = event.currentTarget.value.trim();
        if (next !== name && !renamePort(componentId, side, name, next)) event.currentTarget.value = name;
        onDone?.();
      }}
    />
  );
}

/** On a component node: the port's name; double-click (or F2/Enter when focused) renames it for every instance. */
export function RenamablePortName(props: Omit<PortNameProps, 'autoFocus' | 'onDone'>) {
  const [editing, setEditing] = useState(false);
  if (editing) return <PortNameField {...props} autoFocus onDone={() => setEditing(false)} />;
  return (
    <button
      type="button"
      className="port-name port-name-button nodrag nopan"
      title="Double-click or F2 to rename"
      data-testid={`component-${props.side}-label-${props.name}`}
      onDoubleClick={(event) => {
        event.stopPropagation();
        setEditing(true);
      }}
      onKeyDown={(event) => {
        if (event.key === 'F2' || event.key === 'Enter') {
          event.preventDefault();
          event.stopPropagation();
          setEditing(true);
        }
      }}
    >
      {props.name}
    </button>
  );
}
