// The context menu of rows (right-click, the row's "⋯" button, the menu key or Shift+F10):
// WAI-ARIA menu pattern. It opens at the pointer (or under the row), kept inside the window;
// arrows move, Enter/Space choose, Escape or a click outside closes and focus goes back.
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { handleMenuKey } from "@/components/ui/menu-keys";

export interface RowMenuItem {
  id: string;
  label: string;
  icon: ReactNode;
  /** As shown ("F2", "⌘S"). */
  shortcut: string;
  /** As aria-keyshortcuts spells it ("Control+S"). */
  ariaShortcut: string;
  danger?: boolean;
  /** When set, the item is shown but unavailable, and this says why. */
  disabledReason?: string | undefined;
  onSelect: () => void;
}

interface RowMenuProps {
  label: string;
  x: number;
  y: number;
  items: RowMenuItem[];
  /** `refocus`: give focus back to where the menu came from (not after a click elsewhere). */
  onClose: (refocus: boolean) => void;
}

const MARGIN = 8;

export function RowMenu({ label, x, y, items, onClose }: RowMenuProps) {
  const menuRef = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState({ left: x, top: y });

  useLayoutEffect(() => {
    const menu = menuRef.current;
    if (!menu) return;
    const { width, height } = menu.getBoundingClientRect();
    setPlace({
      left: Math.max(MARGIN, Math.min(x, window.innerWidth - width - MARGIN)),
      top: Math.max(MARGIN, y + height > window.innerHeight - MARGIN ? y - height : y),
    });
    menu.querySelector<HTMLElement>("[role=menuitem]:not([aria-disabled=true])")?.focus();
  }, [x, y]);

  useEffect(() => {
    const onPointer = (event: PointerEvent) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose(false);
    };
    const onScroll = (event: Event) => {
      if (!menuRef.current?.contains(event.target as Node)) onClose(false);
    };
    const onResize = () => onClose(false);
    document.addEventListener("pointerdown", onPointer, true);
    document.addEventListener("scroll", onScroll, true);
    window.addEventListener("resize", onResize);
    return () => {
      document.removeEventListener("pointerdown", onPointer, true);
      document.removeEventListener("scroll", onScroll, true);
      window.removeEventListener("resize", onResize);
    };
  }, [onClose]);

  const onKeyDown = (event: React.KeyboardEvent) => handleMenuKey(event, menuRef.current, onClose);

  return (
    <div
      ref={menuRef}
      role="menu"
      aria-label={label}
      className="menu row-menu"
      style={{ left: place.left, top: place.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => event.preventDefault()}
      data-testid="row-menu"
    >
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          className={`menu-item row-menu-item${item.danger ? " is-danger" : ""}`}
          aria-disabled={item.disabledReason ? true : undefined}
          aria-keyshortcuts={item.ariaShortcut}
          title={item.disabledReason}
          data-action={item.id}
          onClick={() => {
            if (item.disabledReason) return;
            onClose(false);
            item.onSelect();
          }}
        >
          {item.icon}
          <span className="menu-item-label">{item.label}</span>
          <kbd className="row-menu-shortcut">{item.shortcut}</kbd>
        </button>
      ))}
    </div>
  );
}
