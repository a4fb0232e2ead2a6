import { MoreHorizontal } from "lucide-react";

/**
 * The "⋯" button of a row or a tile: opens the row menu next to itself. Out of the tab order
 * (the listing handles the keyboard: Shift+F10 or the menu key open the same menu).
 */
export function RowMoreButton(props: { name: string; className: string; onMore: (anchor: DOMRect) => void }) {
  return (
    <button
      type="button"
      tabIndex={-1}
      className={props.className}
      aria-haspopup="menu"
      aria-label={`Actions for ${props.name}`}
      data-testid="row-more"
      onClick={(event) => {
        event.stopPropagation();
        props.onMore(event.currentTarget.getBoundingClientRect());
      }}
      onDoubleClick={(event) => event.stopPropagation()}
    >
      <MoreHorizontal size={16} aria-hidden="true" />
    </button>
  );
}
