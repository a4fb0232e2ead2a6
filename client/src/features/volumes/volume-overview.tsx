import type { VolumeInfo } from "@shared/api/volumes";
import { HardDrive } from "lucide-react";
import { browseHref } from "@/lib/browse-url";
import { Link } from "@/lib/router";
import { VolumeBadges } from "./volume-badges";

/** The start page: every configured volume with its mode, your access and its upload limit. */
export function VolumeOverview({ volumes }: { volumes: VolumeInfo[] }) {
  return (
    <section aria-labelledby="volumes-heading" className="overview">
      <h1 id="volumes-heading">Volumes</h1>
      <p className="muted">
        Pick a volume to browse. Each one says whose grants it uses and what you may do there.
      </p>
      {volumes.length === 0 ? (
        <div className="state">
          <p className="state-title">No volumes are configured yet</p>
          <p className="muted">
            An admin adds a volume by setting <code>DATABRICKS_VOLUME_&lt;KEY&gt;</code> in the app&apos;s
            app.yaml and deploying again.
          </p>
        </div>
      ) : (
        <ul className="volume-list">
          {volumes.map((v) => (
            <li key={v.key} className="volume-card" data-testid="volume-card">
              <Link href={browseHref(v.key)} className="volume-card-link">
                <HardDrive size={18} aria-hidden="true" className="volume-icon" />
                <span className="volume-name">{v.key}</span>
              </Link>
              <code className="volume-path">{v.path}</code>
              <VolumeBadges volume={v} showLimit />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
