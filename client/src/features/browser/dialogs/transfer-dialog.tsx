// Move (or rename) and "Copy to…": choose the destination folder by browsing (the folder
// picker), with a name field when there is one entry. Move stays inside the volume (the API
// moves within one volume); copy goes to any volume the person may write to.

import type { DirectoryEntry } from "@shared/api/files";
import type { VolumeInfo } from "@shared/api/volumes";
import { isSameOrInside, parentOf } from "@shared/paths";
import { useState } from "react";
import { useCopyEntry } from "@/api/files/copy";
import { useFolderChildren } from "@/api/files/folders";
import { useMoveEntry } from "@/api/files/move";
import { Dialog } from "@/components/ui/dialog";
import { denyReason, folderAccess } from "@/lib/volume-access";
import { FolderPicker } from "./folder-picker/folder-picker";
import type { Place } from "./folder-picker/tree-state";
import { checkChildName } from "./name-rules";
import { conflictQuestion, type Mode, runSteps, type Step } from "./transfer-run";
import { writableVolumes } from "./writable-volumes";

export interface TransferDone {
  mode: Mode;
  steps: Step[];
  destination: Place;
}

interface TransferDialogProps {
  mode: Mode;
  volume: VolumeInfo;
  volumes: VolumeInfo[];
  /** The folder shown: where the picker starts. */
  path: string;
  targets: DirectoryEntry[];
  relPathOf: (entry: DirectoryEntry) => string;
  onDone: (done: TransferDone) => void;
  onClose: () => void;
}

export function TransferDialog(props: TransferDialogProps) {
  const { mode, volume, targets } = props;
  const single = targets.length === 1 ? (targets[0] as DirectoryEntry) : undefined;
  const roots = mode === "move" ? [volume] : writableVolumes(props.volumes, volume);
  // Start in the folder shown, or at the first volume copies can go to.
  const [place, setPlace] = useState<Place>(() =>
    roots[0]?.key === volume.key || !roots[0]
      ? { volume: volume.key, path: props.path }
      : { volume: roots[0].key, path: "" },
  );
  const [name, setName] = useState(single?.name ?? "");
  const [error, setError] = useState<string | null>(null);
  const [conflicts, setConflicts] = useState<Step[]>([]);
  const [busy, setBusy] = useState(false);
  const move = useMoveEntry(volume.key);
  const copy = useCopyEntry(volume.key);

  const destVolume = roots.find((v) => v.key === place.volume) ?? volume;
  const here = useFolderChildren(place.volume, place.path, true);
  // While the chosen folder's own answer loads, say nothing rather than the root's verdict.
  // A folder that doesn't exist yet (your own folder before its first upload) takes its place's actions.
  const access = here.isPending ? undefined : folderAccess(destVolume, place.path, here.data?.allowedActions);
  const needed =
    mode === "move" ? ["move"] : [...new Set(targets.map((t) => (t.is_directory ? "mkdir" : "upload")))];
  const denied = access && needed.map((action) => denyReason(access, action)).find(Boolean);
  const folderLabel = `“${place.path === "" ? place.volume : place.path}”`;

  const plan = (): Step[] | string => {
    const steps: Step[] = [];
    for (const target of targets) {
      const check = checkChildName(single ? name : target.name, place.path, destVolume.path);
      if (!check.ok) return check.reason;
      const from = props.relPathOf(target);
      if (place.volume === volume.key && isSameOrInside(check.path, from)) {
        if (check.path === from && mode === "move") continue;
        return `A folder cannot be ${mode === "move" ? "moved" : "copied"} into itself.`;
      }
      steps.push({ from, to: check.path });
    }
    return steps;
  };

  const send = (step: Step, overwrite: boolean) =>
    mode === "move"
      ? move.mutateAsync({ ...step, overwrite })
      : copy.mutateAsync({ ...step, toVolume: place.volume, overwrite });

  const run = async (steps: Step[], overwrite: boolean) => {
    setBusy(true);
    setError(null);
    setConflicts([]);
    try {
      const outcome = await runSteps(mode, steps, overwrite, send);
      if (outcome.done.length > 0 && (outcome.error || outcome.conflicts.length > 0)) {
        props.onDone({ mode, steps: outcome.done, destination: place });
      }
      if (outcome.error) setError(outcome.error);
      else if (outcome.conflicts.length > 0) setConflicts(outcome.conflicts);
      else props.onDone({ mode, steps: outcome.done, destination: place });
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    if (busy) return;
    if (conflicts.length > 0) return void run(conflicts, true);
    if (denied) return setError(denied);
    const steps = plan();
    if (typeof steps === "string") return setError(steps);
    if (steps.length === 0) return props.onClose();
    void run(steps, false);
  };

  const verb = mode === "move" ? "Move" : "Copy";
  const title = single
    ? `${mode === "move" ? "Move or rename" : "Copy"} “${single.name}”`
    : `${verb} ${targets.length} items`;
  const primary =
    conflicts.length > 0
      ? "Replace"
      : single &&
          mode === "move" &&
          place.path === parentOf(props.relPathOf(single)) &&
          place.volume === volume.key
        ? "Rename"
        : `${verb} here`;
  return (
    <Dialog
      open
      title={title}
      onClose={props.onClose}
      onSubmit={submit}
      testId={`${mode}-dialog`}
      width={560}
      footer={
        <>
          <button type="button" className="btn" onClick={props.onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            aria-disabled={busy || (conflicts.length === 0 && denied !== undefined) || undefined}
            data-testid={`${mode}-submit`}
          >
            {busy ? (mode === "move" ? "Moving…" : "Copying…") : primary}
          </button>
        </>
      }
    >
      {single && (
        <label className="field">
          <span className="field-label">Name</span>
          <input
            data-autofocus
            className="text-input"
            value={name}
            spellCheck={false}
            onChange={(event) => {
              setName(event.target.value);
              setError(null);
              setConflicts([]);
            }}
            data-testid={`${mode}-name`}
          />
        </label>
      )}
      <span className="field-label" id={`${mode}-picker-label`}>
        {mode === "move" ? "Destination folder" : "Copy into"}
      </span>
      <FolderPicker
        label={mode === "move" ? "Destination folder" : "Copy into"}
        volumes={roots}
        value={place}
        onChange={(next) => {
          setPlace(next);
          setError(null);
          setConflicts([]);
        }}
        onChoose={submit}
        mkdirUnavailable={access && denyReason(access, "mkdir")}
      />
      <p className="muted small picker-destination" data-testid={`${mode}-destination`}>
        {denied ?? `Into ${place.volume}/${place.path}`}
      </p>
      {conflicts.length > 0 && (
        <p className="warning-text" role="alert" data-testid="transfer-conflict">
          {conflictQuestion(conflicts, folderLabel)}
        </p>
      )}
      {error && (
        <p className="field-error" role="alert" data-testid="transfer-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
