// The upload panel: overall progress, then each file with its progress, speed and time left,
// and what can be done about it (pause, resume, cancel, retry), and the uploads left unfinished
// by an earlier visit. Docked bottom-right, collapsible.

import { formatSize } from "@shared/sizes";
import { ChevronDown, ChevronUp, CircleCheck, CircleX, Pause, Play, RotateCcw, X } from "lucide-react";
import { useState } from "react";
import { formatDuration, secondsLeft } from "./transfer-stats";
import { UnfinishedList } from "./unfinished-list";
import { useUnfinishedUploads } from "./unfinished-uploads";
import { canPause } from "./upload-store";
import { summarise, type UploadItem } from "./upload-types";
import { useUploadStore, useUploads } from "./uploads";

/** Rendering thousands of rows would slow the page; the summary covers the rest. */
const MAX_ROWS = 300;

const STATUS_TEXT: Record<UploadItem["status"], string> = {
  queued: "Waiting to start",
  checking: "Checking the name",
  conflict: "Already exists: choose what to do",
  uploading: "Uploading",
  paused: "Paused",
  done: "Uploaded",
  failed: "Failed",
  cancelled: "Cancelled",
  skipped: "Skipped because it already exists",
  refused: "Not uploaded",
};

const files = (n: number) => `${n.toLocaleString()} ${n === 1 ? "file" : "files"}`;

function detail(item: UploadItem): string {
  if (item.status === "uploading" && item.file.size > 0 && item.loaded >= item.file.size) {
    return `All ${formatSize(item.file.size)} sent, saving it now`;
  }
  if (item.status === "uploading") {
    const parts = [`${formatSize(item.loaded)} of ${formatSize(item.file.size)}`];
    if (item.speed !== undefined) parts.push(`${formatSize(item.speed)}/s`);
    const left = secondsLeft(item.loaded, item.file.size, item.speed);
    if (item.note) parts.push(item.note);
    else if (left !== undefined) parts.push(`${formatDuration(left)} left`);
    return parts.join(" · ");
  }
  if (item.status === "paused") return `Paused · ${formatSize(item.loaded)} of ${formatSize(item.file.size)}`;
  if (item.error) return item.error;
  return `${STATUS_TEXT[item.status]} · ${formatSize(item.file.size)}`;
}

function UploadRow({ item }: { item: UploadItem }) {
  const uploads = useUploadStore();
  const percent =
    item.file.size === 0
      ? item.status === "done"
        ? 100
        : 0
      : Math.round((item.loaded / item.file.size) * 100);
  const shownPercent = item.status === "done" ? 100 : percent;
  const active =
    item.status === "queued" ||
    item.status === "checking" ||
    item.status === "uploading" ||
    item.status === "paused" ||
    item.status === "conflict";
  const text = detail(item);
  return (
    <li
      className={`upload-row upload-${item.status}`}
      data-testid="upload-row"
      data-status={item.status}
      data-path={item.target}
      data-chunked={item.chunked || canPause(item) ? "true" : undefined}
    >
      <div className="upload-row-main">
        <span className="upload-name" title={`${item.volumeRoot}/${item.target}`}>
          {item.target.slice(item.target.lastIndexOf("/") + 1)}
        </span>
        <span className="upload-detail" data-testid="upload-detail">
          {text}
        </span>
        <div
          className="progress"
          role="progressbar"
          aria-label={`Upload of ${item.file.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={shownPercent}
          aria-valuetext={`${shownPercent}%: ${text}`}
        >
          <div className="progress-fill" style={{ width: `${shownPercent}%` }} />
        </div>
      </div>
      <div className="upload-row-actions">
        {item.status === "done" && <CircleCheck size={16} className="ok-icon" aria-label="Uploaded" />}
        {(item.status === "failed" || item.status === "refused") && (
          <CircleX size={16} className="fail-icon" aria-label={STATUS_TEXT[item.status]} />
        )}
        {(item.status === "failed" || item.status === "cancelled") && (
          <button
            type="button"
            className="icon-btn"
            aria-label={`Retry ${item.file.name}`}
            data-testid="upload-retry"
            onClick={() => uploads.retry(item.id)}
          >
            <RotateCcw size={14} aria-hidden="true" />
          </button>
        )}
        {canPause(item) && (
          <button
            type="button"
            className="icon-btn"
            aria-label={`Pause ${item.file.name}`}
            data-testid="upload-pause"
            onClick={() => uploads.pause(item.id)}
          >
            <Pause size={14} aria-hidden="true" />
          </button>
        )}
        {item.status === "paused" && (
          <button
            type="button"
            className="icon-btn"
            aria-label={`Resume ${item.file.name}`}
            data-testid="upload-resume"
            onClick={() => uploads.resume(item.id)}
          >
            <Play size={14} aria-hidden="true" />
          </button>
        )}
        {active && (
          <button
            type="button"
            className="icon-btn"
            aria-label={`Cancel ${item.file.name}`}
            data-testid="upload-cancel"
            onClick={() => uploads.cancel(item.id)}
          >
            <X size={14} aria-hidden="true" />
          </button>
        )}
      </div>
    </li>
  );
}

export function UploadManager() {
  const uploads = useUploadStore();
  const items = useUploads();
  const unfinished = useUnfinishedUploads();
  const [collapsed, setCollapsed] = useState(false);
  if (items.length === 0 && unfinished.length === 0) return null;
  const s = summarise(items);
  const percent = s.bytesTotal === 0 ? 100 : Math.round((s.bytesLoaded / s.bytesTotal) * 100);
  // The counter reads as a sentence: "2 of 3 done (45%)", "3 files uploaded", "2 uploaded, 1 failed".
  const title =
    items.length === 0
      ? "Uploads"
      : s.pending > 0
        ? `${s.done.toLocaleString()} of ${files(s.total)} done (${percent}%)`
        : s.failed > 0
          ? `${s.done.toLocaleString()} uploaded, ${s.failed.toLocaleString()} failed`
          : `${files(s.done)} uploaded`;
  return (
    <section className="upload-manager" aria-label="Uploads" data-testid="upload-manager">
      <header className="upload-header">
        <h2 data-testid="upload-title">{title}</h2>
        <div className="upload-header-actions">
          {s.failed > 0 && (
            <button type="button" className="btn btn-small" onClick={uploads.retryFailed}>
              Retry failed
            </button>
          )}
          {items.length === 0 ? null : s.pending > 0 ? (
            <button type="button" className="btn btn-small" onClick={uploads.cancelAll}>
              Cancel all
            </button>
          ) : (
            <button
              type="button"
              className="btn btn-small"
              onClick={uploads.clearFinished}
              data-testid="clear-finished"
            >
              Clear finished
            </button>
          )}
          <button
            type="button"
            className="icon-btn"
            aria-expanded={!collapsed}
            aria-label={collapsed ? "Show uploads" : "Hide uploads"}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? (
              <ChevronUp size={16} aria-hidden="true" />
            ) : (
              <ChevronDown size={16} aria-hidden="true" />
            )}
          </button>
        </div>
      </header>
      {!collapsed && unfinished.length > 0 && <UnfinishedList unfinished={unfinished} />}
      {!collapsed && items.length > 0 && (
        <ul className="upload-list">
          {items.slice(-MAX_ROWS).map((item) => (
            <UploadRow key={item.id} item={item} />
          ))}
          {items.length > MAX_ROWS && (
            <li className="muted upload-more">
              {files(items.length - MAX_ROWS)} uploaded earlier {items.length - MAX_ROWS === 1 ? "is" : "are"}{" "}
              not listed.
            </li>
          )}
        </ul>
      )}
    </section>
  );
}
