import type { VolumeInfo } from "../../../../shared/api/volumes";
import { formatSize } from "../../../../shared/sizes";
import { useVolumes } from "./volumes-query";

const MODE_LABEL: Record<VolumeInfo["auth"], string> = {
  "service-principal": "runs as the app",
  "on-behalf-of-user": "runs as you",
};

function accessLabel(actions: string[]): string {
  const canWrite = actions.some((a) => a === "upload" || a === "mkdir" || a === "delete");
  const canRead = actions.includes("list") || actions.includes("read");
  if (canWrite && canRead) return "read-write";
  if (canRead) return "read-only";
  if (canWrite) return "write-only";
  return "no access";
}

export function VolumeList() {
  const volumes = useVolumes();
  if (volumes.isPending) return <p className="muted">Loading volumes…</p>;
  if (volumes.isError) {
    return (
      <div role="alert" className="error-box">
        <p>Could not load the volumes: {volumes.error.message}</p>
        <button type="button" onClick={() => volumes.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  return (
    <section aria-labelledby="volumes-heading">
      <h1 id="volumes-heading">Volumes</h1>
      <ul className="volume-list">
        {volumes.data.details.map((v) => (
          <li key={v.key} className="volume-card" data-testid="volume-card">
            <div className="volume-name">{v.key}</div>
            <code className="volume-path">{v.path}</code>
            <div className="volume-tags">
              <span className={`tag tag-${v.auth}`}>{MODE_LABEL[v.auth]}</span>
              <span className="tag">{accessLabel(v.actions)}</span>
              <span className="tag">uploads up to {formatSize(v.maxUploadSize)}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
