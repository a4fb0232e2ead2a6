// Uploads left unfinished by an earlier visit: each can be continued (the person picks the same
// file again, which is checked) or discarded (the server aborts it; nothing was written).

import { formatSize } from "@shared/sizes";
import { useRef } from "react";
import { storedBytes } from "./chunked/upload-session";
import { continueUnfinished, discardUnfinished, type UnfinishedUpload } from "./unfinished-uploads";
import { useUploadStore } from "./uploads";

function UnfinishedRow({ entry }: { entry: UnfinishedUpload }) {
  const uploads = useUploadStore();
  const input = useRef<HTMLInputElement>(null);
  const { saved, error } = entry;
  const name = saved.identity.name;
  const sent = storedBytes(saved.session);
  return (
    <li className="upload-row unfinished-row" data-testid="unfinished-upload" data-path={saved.session.path}>
      <div className="upload-row-main">
        <span className="upload-name" title={`${saved.volumeRoot}/${saved.session.path}`}>
          {name}
        </span>
        <span className="upload-detail">
          {formatSize(sent)} of {formatSize(saved.session.size)} sent · to {saved.volumeRoot}/
          {saved.session.path}
        </span>
        {error && (
          <span className="upload-detail unfinished-error" role="alert" data-testid="unfinished-error">
            {error}
          </span>
        )}
      </div>
      <div className="upload-row-actions">
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Continue ${name}`}
          title={`Pick ${name} again to continue`}
          data-testid="unfinished-continue"
          onClick={() => input.current?.click()}
        >
          Continue
        </button>
        <button
          type="button"
          className="btn btn-small"
          aria-label={`Discard ${name}`}
          data-testid="unfinished-discard"
          onClick={() => discardUnfinished(saved.key)}
        >
          Discard
        </button>
        <input
          ref={input}
          type="file"
          hidden
          aria-label={`Pick ${name} again`}
          data-testid="unfinished-file-input"
          onChange={(event) => {
            const file = event.target.files?.[0];
            // Picking the same file again after a refusal must fire change again.
            event.target.value = "";
            if (file) void continueUnfinished(uploads, saved.key, file);
          }}
        />
      </div>
    </li>
  );
}

export function UnfinishedList({ unfinished }: { unfinished: UnfinishedUpload[] }) {
  const n = unfinished.length;
  return (
    <section
      className="unfinished-uploads"
      aria-labelledby="unfinished-title"
      data-testid="unfinished-uploads"
    >
      <h3 id="unfinished-title" data-testid="unfinished-title">
        {n} unfinished {n === 1 ? "upload" : "uploads"}
      </h3>
      <p className="muted small">Pick the same file again to continue where it stopped.</p>
      <ul className="upload-list">
        {unfinished.map((entry) => (
          <UnfinishedRow key={entry.saved.key} entry={entry} />
        ))}
      </ul>
    </section>
  );
}
