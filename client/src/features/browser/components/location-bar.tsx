// Breadcrumbs that turn into an editable path field: paste `/Volumes/c/s/v/dir` or
// `dbfs:/Volumes/...` (of any configured volume) or a path relative to this volume.

import type { VolumeInfo } from "@shared/api/volumes";
import { ancestorsAndSelf, baseName, joinVolumePath, parsePastedPath } from "@shared/paths";
import { ChevronRight, Copy, HardDrive, Pencil } from "lucide-react";
import { type FormEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { announce } from "@/lib/announcer";
import { browseHref } from "@/lib/browse-url";
import { copyText } from "@/lib/clipboard";
import { Link } from "@/lib/router";

interface LocationBarProps {
  volume: VolumeInfo;
  volumes: VolumeInfo[];
  path: string;
  /** Navigates to what was typed; the browser decides whether it is a folder or a file. */
  onGo: (volumeKey: string, path: string) => void;
}

export function LocationBar({ volume, volumes, path, onGo }: LocationBarProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const [error, setError] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const crumbsRef = useRef<HTMLElement>(null);
  const absolute = joinVolumePath(volume.path, path);

  // A deep path overflows a phone's width: keep the end (where you are) in view, not the root.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-run when the path (the crumbs) changes.
  useLayoutEffect(() => {
    const el = crumbsRef.current;
    if (el) el.scrollLeft = el.scrollWidth;
  }, [path, editing]);

  useEffect(() => {
    if (editing) inputRef.current?.select();
  }, [editing]);

  // Ctrl/Cmd+Shift+L edits the path; plain Ctrl+L belongs to the browser's own address bar.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === "l") {
        event.preventDefault();
        startEditing();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  function startEditing() {
    setDraft(absolute);
    setError(null);
    setEditing(true);
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = parsePastedPath(draft, volumes, volume.key);
    if (!target) {
      setError("That is not a valid path in a volume this app is configured with.");
      return;
    }
    setEditing(false);
    onGo(target.volumeKey, target.path);
  };

  if (editing) {
    return (
      <form className="location-bar is-editing" onSubmit={submit} aria-label="Go to path">
        <label htmlFor="path-input" className="visually-hidden">
          Path
        </label>
        <input
          id="path-input"
          ref={inputRef}
          className="path-input"
          value={draft}
          spellCheck={false}
          autoComplete="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "path-error" : undefined}
          onChange={(event) => {
            setDraft(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === "Escape") {
              event.preventDefault();
              setEditing(false);
            }
          }}
          onBlur={() => {
            if (!error) setEditing(false);
          }}
          data-testid="path-input"
        />
        {error && (
          <p id="path-error" className="field-error" role="alert">
            {error}
          </p>
        )}
      </form>
    );
  }

  const crumbs = ancestorsAndSelf(path);
  return (
    <div className="location-bar">
      <nav aria-label="Breadcrumbs" className="breadcrumbs" ref={crumbsRef}>
        <ol>
          {crumbs.map((crumb, i) => {
            const last = i === crumbs.length - 1;
            return (
              <li key={crumb}>
                {i > 0 && <ChevronRight size={14} aria-hidden="true" className="crumb-sep" />}
                <Link
                  href={browseHref(volume.key, crumb)}
                  className="crumb"
                  aria-current={last ? "page" : undefined}
                  title={joinVolumePath(volume.path, crumb)}
                >
                  {i === 0 && <HardDrive size={14} aria-hidden="true" />}
                  {i === 0 ? volume.key : baseName(crumb)}
                </Link>
              </li>
            );
          })}
        </ol>
      </nav>
      <button
        type="button"
        className="location-fill"
        onClick={startEditing}
        aria-label="Edit path"
        title="Edit or paste a path (Ctrl+Shift+L)"
        data-testid="edit-path"
      >
        <Pencil size={14} aria-hidden="true" />
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-icon"
        aria-label="Copy folder path"
        title={`Copy ${absolute}`}
        onClick={async () => {
          if (await copyText(absolute)) announce(`Copied ${absolute}`, "success");
        }}
      >
        <Copy size={14} aria-hidden="true" />
      </button>
    </div>
  );
}
