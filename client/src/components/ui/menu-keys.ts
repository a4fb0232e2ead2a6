import type { KeyboardEvent } from "react";

/**
 * The ARIA menu keys, shared by every menu: arrows, Home and End move between items (wrapping),
 * Escape closes and returns focus to what opened the menu, Tab closes and lets focus move on.
 */
export function handleMenuKey(
  event: KeyboardEvent,
  menu: HTMLElement | null,
  close: (refocus: boolean) => void,
): void {
  const items = [...(menu?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? [])];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const focusAt = (i: number) => items[(i + items.length) % items.length]?.focus();
  if (event.key === "ArrowDown") focusAt(index + 1);
  else if (event.key === "ArrowUp") focusAt(index - 1);
  else if (event.key === "Home") focusAt(0);
  else if (event.key === "End") focusAt(items.length - 1);
  else if (event.key === "Escape") close(true);
  else if (event.key === "Tab") close(false);
  else return;
  event.preventDefault();
  event.stopPropagation();
}
