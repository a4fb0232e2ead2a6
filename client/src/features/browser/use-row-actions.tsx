// What can be done to rows (the toolbar, the context menu and the keyboard all come here): each
// action checks the policy first and says why when it is not allowed.

import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { childPath } from "@shared/paths";
import { Download, Eye, Files, FolderOpen, Info, Link2, Pencil, SquareTerminal, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { downloadFile, downloadZip } from "@/api/files/download";
import { announce } from "@/lib/announcer";
import { browseHref } from "@/lib/browse-url";
import { copyText } from "@/lib/clipboard";
import { denyReason } from "@/lib/volume-access";
import type { RowMenuItem } from "./components/row-menu";
import type { DialogState } from "./dialogs/browser-dialogs";
import { ROW_ACTIONS, type RowActionId, shortcutLabel } from "./logic/row-actions";

interface RowActionsInput {
  volume: VolumeInfo;
  path: string;
  folderName: string;
  open: (entry: DirectoryEntry) => void;
  showDetails: (entries: DirectoryEntry[]) => void;
  setDialog: (dialog: DialogState) => void;
}

const IS_MAC = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform);

/** The app's own URL that opens this entry: a folder itself, a file selected in its folder. */
export function linkTo(volume: string, path: string, entry: DirectoryEntry): string {
  const href = entry.is_directory
    ? browseHref(volume, childPath(path, entry.name))
    : browseHref(volume, path, { file: entry.name });
  return new URL(href, window.location.origin).toString();
}

async function copyAndSay(text: string, what: string): Promise<void> {
  const ok = await copyText(text);
  announce(ok ? `Copied ${what}` : "Could not copy to the clipboard", ok ? "success" : "error");
}

export function useRowActions(input: RowActionsInput) {
  const { volume, path } = input;
  const relPathOf = (entry: DirectoryEntry) => childPath(path, entry.name);
  const zip = (entries: DirectoryEntry[]) =>
    downloadZip(volume.key, path, input.folderName, entries, relPathOf);

  /** Why this action cannot be done to these entries now, or undefined when it can. */
  const unavailable = (id: RowActionId, targets: DirectoryEntry[]): string | undefined => {
    if (targets.length === 0) return "Select files or folders first.";
    const one = targets.length === 1;
    switch (id) {
      case "open":
      case "copy-link":
      case "copy-path":
        return one ? undefined : "Select one file or folder.";
      case "details":
        return undefined;
      case "download":
        return denyReason(volume, "download");
      case "rename":
        return denyReason(volume, "move");
      case "copy-to":
        return denyReason(volume, "read");
      case "delete":
        return denyReason(volume, "delete");
    }
  };

  const perform = (id: RowActionId, targets: DirectoryEntry[]) => {
    const first = targets[0];
    if (!first) return;
    switch (id) {
      case "open":
        return input.open(first);
      case "details":
        return input.showDetails(targets);
      case "download":
        if (targets.length === 1 && !first.is_directory)
          downloadFile(volume.key, relPathOf(first), first.name);
        else zip(targets);
        return;
      case "copy-link":
        return void copyAndSay(linkTo(volume.key, path, first), "link");
      case "copy-path":
        return void copyAndSay(first.path, "path");
      case "rename":
        return input.setDialog({ type: "move", targets });
      case "copy-to":
        return input.setDialog({ type: "copy", targets });
      case "delete":
        return input.setDialog({ type: "delete", targets });
    }
  };

  /** Runs an action, or says why it cannot run. */
  const run = (id: RowActionId, targets: DirectoryEntry[]) => {
    const reason = unavailable(id, targets);
    if (reason) announce(reason, "error");
    else perform(id, targets);
  };

  const label = (id: RowActionId, targets: DirectoryEntry[]): string => {
    const n = targets.length;
    const first = targets[0];
    switch (id) {
      case "open":
        return first?.is_directory ? "Open" : "Preview";
      case "details":
        return "Details";
      case "download":
        return n === 1 && !first?.is_directory
          ? "Download"
          : n === 1
            ? "Download as zip"
            : `Download ${n} as zip`;
      case "copy-link":
        return "Copy link";
      case "copy-path":
        return "Copy path";
      case "rename":
        return n > 1 ? `Move ${n}…` : "Rename or move…";
      case "copy-to":
        return n > 1 ? `Copy ${n} to…` : "Copy to…";
      case "delete":
        return n > 1 ? `Delete ${n}` : "Delete";
    }
  };

  const menuItems = (targets: DirectoryEntry[]): RowMenuItem[] =>
    ROW_ACTIONS.map((spec) => ({
      id: spec.id,
      label: label(spec.id, targets),
      icon: ICONS[spec.id](targets[0]?.is_directory === true),
      shortcut: shortcutLabel(spec.keys, IS_MAC),
      ariaShortcut: spec.keys.replace("Ctrl+", IS_MAC ? "Meta+" : "Control+"),
      danger: spec.id === "delete",
      disabledReason: unavailable(spec.id, targets),
      onSelect: () => perform(spec.id, targets),
    }));

  return { run, menuItems, zip, unavailable };
}

const ICONS: Record<RowActionId, (isDirectory: boolean) => ReactNode> = {
  open: (dir) => (dir ? <FolderOpen size={16} aria-hidden="true" /> : <Eye size={16} aria-hidden="true" />),
  details: () => <Info size={16} aria-hidden="true" />,
  download: () => <Download size={16} aria-hidden="true" />,
  "copy-link": () => <Link2 size={16} aria-hidden="true" />,
  "copy-path": () => <SquareTerminal size={16} aria-hidden="true" />,
  rename: () => <Pencil size={16} aria-hidden="true" />,
  "copy-to": () => <Files size={16} aria-hidden="true" />,
  delete: () => <Trash2 size={16} aria-hidden="true" />,
};
