// Keyboard for the destination tree, after the WAI-ARIA tree view pattern: Up/Down move
// between visible nodes, Right opens a node or enters it, Left closes it or goes to its parent,
// Home/End jump, Enter chooses. Works on the DOM: every rendered treeitem is visible (closed
// groups are not rendered), in document order.
import type { KeyboardEvent } from "react";

const levelOf = (item: HTMLElement) => Number(item.getAttribute("aria-level") ?? "1");

export interface TreeKeyActions {
  /** Focus and select this node. */
  move: (item: HTMLElement) => void;
  setOpen: (item: HTMLElement, open: boolean) => void;
  choose: () => void;
}

export function onTreeKeyDown(event: KeyboardEvent<HTMLElement>, actions: TreeKeyActions): void {
  const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  if (!current || event.altKey || event.ctrlKey || event.metaKey) return;
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[role="treeitem"]')];
  const index = items.indexOf(current);
  const expanded = current.getAttribute("aria-expanded");
  let target: HTMLElement | undefined;
  switch (event.key) {
    case "ArrowDown":
      target = items[index + 1];
      break;
    case "ArrowUp":
      target = items[index - 1];
      break;
    case "Home":
      target = items[0];
      break;
    case "End":
      target = items.at(-1);
      break;
    case "ArrowRight":
      if (expanded === "false") actions.setOpen(current, true);
      else if (expanded === "true") {
        const next = items[index + 1];
        if (next && levelOf(next) > levelOf(current)) target = next;
      }
      break;
    case "ArrowLeft":
      if (expanded === "true") actions.setOpen(current, false);
      else {
        const level = levelOf(current);
        target = items
          .slice(0, index)
          .reverse()
          .find((item) => levelOf(item) < level);
      }
      break;
    case "Enter":
      actions.choose();
      break;
    default:
      return;
  }
  event.preventDefault();
  event.stopPropagation();
  if (target) actions.move(target);
}
