import { ArrowDown, ArrowUp } from "lucide-react";
import type { SortKey, SortState } from "@/lib/browse-url";

export const COLUMNS: ReadonlyArray<{ key: SortKey; label: string; className: string }> = [
  { key: "name", label: "Name", className: "cell-name" },
  { key: "size", label: "Size", className: "cell-size" },
  { key: "modified", label: "Modified", className: "cell-modified" },
];

interface GridHeaderProps {
  idBase: string;
  sort: SortState;
  onSort: (key: SortKey) => void;
  /** The header cell that is the grid's active descendant, if any. */
  activeColumn: number | null;
  /** The select-all checkbox of the touch layout: how much is selected, and what a tap does. */
  checkbox?: { state: "none" | "some" | "all"; onToggle: () => void } | undefined;
}

export function GridHeader({ idBase, sort, onSort, activeColumn, checkbox }: GridHeaderProps) {
  return (
    // The header shares the body's grid layout; table elements could not hold virtualised rows.
    // biome-ignore lint/a11y/useSemanticElements: see above.
    <div role="rowgroup" className="grid-head">
      {/* biome-ignore lint/a11y/useSemanticElements: see above. */}
      {/* biome-ignore lint/a11y/useFocusableInteractive: reached with aria-activedescendant. */}
      <div role="row" aria-rowindex={1} className="grid-row grid-head-row">
        {checkbox && (
          // biome-ignore lint/a11y/useSemanticElements: see above.
          // biome-ignore lint/a11y/useFocusableInteractive: the checkbox inside is the control.
          <div role="columnheader" className="cell cell-check">
            <input
              type="checkbox"
              tabIndex={-1}
              aria-label="Select all"
              checked={checkbox.state === "all"}
              ref={(el) => {
                if (el) el.indeterminate = checkbox.state === "some";
              }}
              onChange={checkbox.onToggle}
              data-testid="select-all-checkbox"
            />
          </div>
        )}
        {COLUMNS.map((column, i) => {
          const sorted = sort.key === column.key;
          const Arrow = sort.order === "asc" ? ArrowUp : ArrowDown;
          return (
            // biome-ignore lint/a11y/useSemanticElements: see above.
            // biome-ignore lint/a11y/useFocusableInteractive: reached with aria-activedescendant.
            <div
              key={column.key}
              id={`${idBase}-col-${i}`}
              role="columnheader"
              aria-sort={sorted ? (sort.order === "asc" ? "ascending" : "descending") : "none"}
              className={`cell ${column.className}${activeColumn === i ? " is-active" : ""}`}
            >
              {/* Not a tab stop: the grid is one. Keyboard users reach headers with ArrowUp. The
                  button fills the header cell, so a click anywhere on the header sorts. */}
              <button type="button" tabIndex={-1} className="sort-button" onClick={() => onSort(column.key)}>
                {column.label}
                {sorted && <Arrow size={12} aria-hidden="true" />}
              </button>
            </div>
          );
        })}
        {/* biome-ignore lint/a11y/useSemanticElements: see above. */}
        {/* biome-ignore lint/a11y/useFocusableInteractive: a label for the rows' "⋯" buttons. */}
        <div role="columnheader" className="cell cell-more">
          <span className="visually-hidden">Actions</span>
        </div>
      </div>
    </div>
  );
}
