import { memo } from 'react';
import { commands } from '../../src/editor/node-kit';

/** A number param; an empty box removes it (optional params) and out-of-range input is ignored. */
export const NumberField = memo(function NumberField({
  id,
  name,
  label,
  value,
  min,
  max,
  step = 1,
  optional = false,
}: {
  id: string;
  name: string;
  label: string;
  value: unknown;
  min: number;
  max: number;
  step?: number;
  optional?: boolean;
}) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <input
        className="nodrag"
        type="number"
        min={min}
        max={max}
        step={step}
        data-testid={`${name}-${id}`}
        value={typeof value === 'number' ? value : ''}
        placeholder={optional ? 'auto' : undefined}
        onChange={(event) => {
          if (event.target.value === '') {
            if (optional) commands.setParam(id, name, undefined);
            return;
          }
          const next = Number(event.target.value);
          if (Number.isFinite(next) && next >= min && next <= max) commands.setParam(id, name, next);
        }}
      />
    </label>
  );
});

export const SelectField = memo(function SelectField({
  id,
  name,
  label,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  options: readonly string[];
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <select
        className="nodrag"
        data-testid={`${name}-${id}`}
        value={value}
        onChange={(event) => commands.setParam(id, name, event.target.value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </label>
  );
});

export const TextField = memo(function TextField({
  id,
  name,
  label,
  value,
  placeholder,
}: {
  id: string;
  name: string;
  label: string;
  value: unknown;
  placeholder: string;
}) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="nodrag"
        data-testid={`${name}-${id}`}
        value={typeof value === 'string' ? value : ''}
        placeholder={placeholder}
        onChange={(event) =>
          commands.setParam(id, name, event.target.value === '' ? undefined : event.target.value)
        }
      />
    </label>
  );
});
