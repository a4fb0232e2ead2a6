// Asks what to do with an upload whose name already exists: never overwrite silently.

import { formatSize } from "@shared/sizes";
import { useState } from "react";
import { Dialog } from "@/components/ui/dialog";
import { PathText } from "@/components/ui/path-text";
import { numberedName } from "./conflict-name";
import type { ConflictChoice } from "./upload-types";
import { useUploadStore, useUploads } from "./uploads";

export function ConflictDialog() {
  const { resolveConflict } = useUploadStore();
  const items = useUploads();
  const conflicts = items.filter((i) => i.status === "conflict");
  const [applyToAll, setApplyToAll] = useState(false);
  const item = conflicts[0];
  if (!item) return null;
  const name = item.target.slice(item.target.lastIndexOf("/") + 1);
  const folder = item.target.includes("/")
    ? `${item.volumeRoot}/${item.target.slice(0, item.target.lastIndexOf("/"))}`
    : item.volumeRoot;
  const sameBatch = conflicts.filter((c) => c.batchId === item.batchId).length;
  const choose = (choice: ConflictChoice) => {
    resolveConflict(item.id, choice, applyToAll);
    setApplyToAll(false);
  };
  return (
    <Dialog
      open
      title="A file with this name already exists"
      onClose={() => choose("skip")}
      testId="conflict-dialog"
      width={480}
      footer={
        <>
          <button type="button" className="btn" onClick={() => choose("skip")}>
            Skip
          </button>
          <button type="button" className="btn" onClick={() => choose("replace")}>
            Replace
          </button>
          {/* Keeping both loses nothing, so it is the default. */}
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => choose("keep-both")}
            data-autofocus
          >
            Keep both
          </button>
        </>
      }
    >
      <p>
        <strong className="exact-name">{name}</strong> already exists in{" "}
        <code className="path-text">
          <PathText path={folder} />
        </code>
        .
      </p>
      <p className="muted small">
        Replace puts the file you are uploading ({formatSize(item.file.size)}) in its place. Keep both saves
        yours as <strong className="exact-name">{numberedName(name, 1)}</strong>, or with the next free number
        if that is taken too.
      </p>
      <label className="checkbox">
        <input type="checkbox" checked={applyToAll} onChange={(e) => setApplyToAll(e.target.checked)} />
        {sameBatch > 1
          ? `Do the same for the other ${sameBatch - 1} ${sameBatch === 2 ? "file" : "files"} in this upload that already exist.`
          : "Do the same for any other file in this upload that already exists."}
      </label>
    </Dialog>
  );
}
