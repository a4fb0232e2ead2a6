// One folder of the destination tree; its sub-folders load when it is opened (or chosen).

import { childPath } from "@shared/paths";
import { ChevronDown, ChevronRight, Database, Folder } from "lucide-react";
import { type ReactNode, useEffect, useRef } from "react";
import { useFolderChildren } from "@/api/files/folders";
import { errorLine } from "@/lib/describe-error";
import { idOf, useTree } from "./tree-state";

interface TreeNodeProps {
  volume: string;
  path: string;
  label: string;
  level: number;
}

export function TreeNode({ volume, path, label, level }: TreeNodeProps) {
  const tree = useTree();
  const id = idOf({ volume, path });
  const open = tree.expanded.has(id);
  const selected = tree.value.volume === volume && tree.value.path === path;
  const children = useFolderChildren(volume, path, open || selected);
  const leaf = children.data !== undefined && children.data.names.length === 0;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (tree.focusId === id) ref.current?.focus();
  }, [tree.focusId, id]);

  return (
    <div
      ref={ref}
      role="treeitem"
      aria-level={level}
      aria-selected={selected}
      aria-expanded={leaf ? undefined : open}
      aria-label={label}
      tabIndex={selected ? 0 : -1}
      data-id={id}
      className="tree-item"
    >
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles keys (tree-keys.ts); a click picks with the mouse */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the treeitem around it is the interactive element */}
      <div
        className="tree-row"
        style={{ paddingInlineStart: `${(level - 1) * 16 + 4}px` }}
        onClick={() => {
          tree.select({ volume, path });
          ref.current?.focus();
        }}
        onDoubleClick={() => tree.toggle({ volume, path })}
      >
        <span
          className="tree-toggle"
          aria-hidden="true"
          onClick={(event) => {
            event.stopPropagation();
            if (!leaf) tree.toggle({ volume, path });
          }}
        >
          {leaf ? null : open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        </span>
        {level === 1 ? <Database size={14} aria-hidden="true" /> : <Folder size={14} aria-hidden="true" />}
        <span className="tree-label">{label}</span>
      </div>
      {open && !leaf && (
        // biome-ignore lint/a11y/useSemanticElements: a tree's group, per the WAI-ARIA tree pattern
        <div role="group" className="tree-group">
          {children.isPending && <TreeNote level={level}>Loading…</TreeNote>}
          {children.isError && (
            <TreeNote level={level}>Could not load the folders: {errorLine(children.error)}</TreeNote>
          )}
          {children.data?.names.map((name) => (
            <TreeNode
              key={name}
              volume={volume}
              path={childPath(path, name)}
              label={name}
              level={level + 1}
            />
          ))}
          {children.data?.truncated && <TreeNote level={level}>Only the first folders are shown.</TreeNote>}
        </div>
      )}
    </div>
  );
}

function TreeNote({ level, children }: { level: number; children: ReactNode }) {
  return (
    <div role="none" className="tree-note muted small" style={{ paddingInlineStart: `${level * 16 + 22}px` }}>
      {children}
    </div>
  );
}
