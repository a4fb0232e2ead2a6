// A menu button (WAI-ARIA menu pattern): arrows move between items, Escape closes and returns
// focus, a click outside closes.
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { handleMenuKey } from "./menu-keys";

export interface MenuItem {
  id: string;
  label: string;
  hint?: string;
  icon?: ReactNode;
  onSelect: () => void;
  disabledReason?: string;
}

interface MenuButtonProps {
  label: string;
  icon?: ReactNode;
  items: MenuItem[];
  variant?: "default" | "primary" | "ghost";
  align?: "start" | "end";
  testId?: string;
  /** Shown above the items, not an item itself (e.g. who is signed in). */
  heading?: ReactNode;
}

export function MenuButton({
  label,
  icon,
  items,
  variant = "default",
  align = "start",
  testId,
  heading,
}: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>("[role=menuitem]")?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };

  const onMenuKey = (event: React.KeyboardEvent) => handleMenuKey(event, menuRef.current, close);

  return (
    <div className="menu-wrap">
      <button
        ref={buttonRef}
        type="button"
        className={`btn btn-${variant}`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        {icon}
        <span className="btn-label">{label}</span>
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={label}
          className={`menu menu-${align}`}
          onKeyDown={onMenuKey}
        >
          {heading && (
            <div role="none" className="menu-heading">
              {heading}
            </div>
          )}
          {items.map((item) => (
            <button
              key={item.id}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              aria-disabled={item.disabledReason ? true : undefined}
              title={item.disabledReason}
              onClick={() => {
                if (item.disabledReason) return;
                close(true);
                item.onSelect();
              }}
            >
              {item.icon}
              <span className="menu-item-label">{item.label}</span>
              {item.hint && <span className="menu-item-hint">{item.hint}</span>}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
