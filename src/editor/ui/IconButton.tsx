import { type ButtonHTMLAttributes, forwardRef } from 'react';
import { Icon, type IconName } from './icons';
import { Tip } from './Tip';

type Props = ButtonHTMLAttributes<HTMLButtonElement> & {
  icon: IconName;
  /** The accessible name and the tooltip's first line. */
  label: string;
  /** A shortcut shown in the tooltip, e.g. "Ctrl/⌘+Z". */
  keys?: string;
  /** Show the label next to the icon too. */
  showLabel?: boolean;
};

/** An icon button whose name is its tooltip (with the shortcut, when there is one). */
export const IconButton = forwardRef<HTMLButtonElement, Props>(function IconButton(
  { icon, label, keys, showLabel = false, className, ...rest },
  ref,
) {
  return (
    <Tip
      label={
        <>
          {label}
          {keys ? <kbd className="tip-keys">{keys}</kbd> : null}
        </>
      }
    >
      <button
        ref={ref}
        type="button"
        aria-label={label}
        className={`icon-button${showLabel ? ' with-label' : ''}${className ? ` ${className}` : ''}`}
        {...rest}
      >
        <Icon name={icon} />
        {showLabel ? <span>{label}</span> : null}
      </button>
    </Tip>
  );
});
