// A toolbar button that can be unavailable *with a reason*: it stays focusable (aria-disabled,
// not disabled) so keyboard and screen-reader users can find out why, and the reason is its
// description and tooltip.
import type { ButtonHTMLAttributes, ReactNode } from "react";
import { useId } from "react";

interface ActionButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  icon?: ReactNode;
  label: string;
  /** When set, the action is unavailable and this says why. */
  unavailable?: string;
  variant?: "default" | "primary" | "danger" | "ghost";
  iconOnly?: boolean;
}

export function ActionButton({
  icon,
  label,
  unavailable,
  variant = "default",
  iconOnly = false,
  onClick,
  className,
  ...rest
}: ActionButtonProps) {
  const reasonId = useId();
  return (
    <button
      type="button"
      className={`btn btn-${variant}${iconOnly ? " btn-icon" : ""}${className ? ` ${className}` : ""}`}
      aria-disabled={unavailable ? true : undefined}
      aria-describedby={unavailable ? reasonId : undefined}
      aria-label={iconOnly ? label : undefined}
      title={unavailable ?? label}
      onClick={(event) => {
        if (unavailable) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
      {...rest}
    >
      {icon}
      {!iconOnly && <span className="btn-label">{label}</span>}
      {unavailable && (
        <span id={reasonId} className="visually-hidden">
          {unavailable}
        </span>
      )}
    </button>
  );
}
