// Choose a destination folder by browsing: a tree of the given volumes' folders (each loaded
// when opened), usable with the keyboard, with "New folder" to create one where the person asks.
// Nothing is created unless they ask; the caller decides what choosing means (Enter submits).

import type { VolumeInfo } from "@shared/api/volumes";
import { ancestorsAndSelf, childPath, isSameOrInside } from "@shared/paths";
import { FolderPlus } from "lucide-react";
import { type KeyboardEvent, useState } from "react";
import { NewFolderField } from "./new-folder-field";
import { onTreeKeyDown } from "./tree-keys";
import { TreeNode } from "./tree-node";
import { idOf, type Place, placeOf, TreeContext } from "./tree-state";

interface FolderPickerProps {
  label: string;
  volumes: VolumeInfo[];
  value: Place;
  onChange: (place: Place) => void;
  /** Enter on a node. */
  onChoose: () => void;
  /** Why "New folder" is not possible in the chosen folder, if it is not. */
  mkdirUnavailable?: string | undefined;
}

/** The chosen folder and every folder above it, open, so it is on screen. */
function initiallyOpen(place: Place): Set<string> {
  const open = new Set([idOf({ volume: place.volume, path: "" })]);
  for (const path of ancestorsAndSelf(place.path)) open.add(idOf({ volume: place.volume, path }));
  open.delete(idOf(place));
  return open;
}

export function FolderPicker({
  label,
  volumes,
  value,
  onChange,
  onChoose,
  mkdirUnavailable,
}: FolderPickerProps) {
  const [expanded, setExpanded] = useState(() => initiallyOpen(value));
  const [focusId, setFocusId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const toggle = (place: Place, open?: boolean) => {
    const id = idOf(place);
    const next = new Set(expanded);
    if (open ?? !expanded.has(id)) next.add(id);
    else {
      next.delete(id);
      // A chosen folder inside what closes would vanish: choose the closing folder instead.
      if (
        value.volume === place.volume &&
        value.path !== place.path &&
        isSameOrInside(value.path, place.path)
      ) {
        onChange(place);
      }
    }
    setExpanded(next);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) =>
    onTreeKeyDown(event, {
      move: (item) => {
        item.focus();
        onChange(placeOf(item.dataset.id ?? ""));
      },
      setOpen: (item, open) => toggle(placeOf(item.dataset.id ?? ""), open),
      choose: onChoose,
    });

  const chosenVolume = volumes.find((v) => v.key === value.volume);
  return (
    <TreeContext.Provider value={{ value, expanded, select: onChange, toggle, focusId }}>
      <div className="folder-picker">
        <div
          role="tree"
          aria-label={label}
          className="folder-tree"
          onKeyDown={onKeyDown}
          // Selection follows focus (a single-select tree): tabbing or clicking onto a node picks it.
          onFocus={(event) => {
            const id = (event.target as HTMLElement).getAttribute("data-id");
            if (id !== null && id !== idOf(value)) onChange(placeOf(id));
          }}
          data-testid="folder-tree"
        >
          {volumes.map((v) => (
            <TreeNode key={v.key} volume={v.key} path="" label={v.key} level={1} />
          ))}
        </div>
        {creating && chosenVolume ? (
          <NewFolderField
            volume={chosenVolume}
            parent={value.path}
            onCancel={() => setCreating(false)}
            onCreated={(name) => {
              setCreating(false);
              const created = { volume: value.volume, path: childPath(value.path, name) };
              setExpanded((prev) => new Set(prev).add(idOf(value)));
              onChange(created);
              setFocusId(idOf(created));
            }}
          />
        ) : (
          <button
            type="button"
            className="btn btn-ghost folder-picker-new"
            aria-disabled={mkdirUnavailable ? true : undefined}
            title={mkdirUnavailable ?? "Create a folder inside the chosen one"}
            onClick={() => {
              if (!mkdirUnavailable) setCreating(true);
            }}
            data-testid="picker-new-folder"
          >
            <FolderPlus size={16} aria-hidden="true" /> New folder
          </button>
        )}
      </div>
    </TreeContext.Provider>
  );
}
