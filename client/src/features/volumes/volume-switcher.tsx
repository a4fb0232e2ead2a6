import type { VolumeInfo } from "@shared/api/volumes";
import { HardDrive } from "lucide-react";
import { useFolderAccess } from "@/api/folder-access";
import { browseHref } from "@/lib/browse-url";
import { Link } from "@/lib/router";
import { VolumeBadges } from "./volume-badges";

interface VolumeSwitcherProps {
  volumes: VolumeInfo[];
  current?: string;
  /** The folder open in the current volume: its badges tell what you may do there. */
  currentPath?: string;
}

function CurrentVolumeBadges({ volume, path }: { volume: VolumeInfo; path: string }) {
  return <VolumeBadges volume={volume} here={useFolderAccess(volume, path)} />;
}

/** The list of volumes in the sidebar: where each one runs and what you may do there. */
export function VolumeSwitcher({ volumes, current, currentPath = "" }: VolumeSwitcherProps) {
  return (
    <nav aria-label="Volumes" className="volume-switcher">
      <h2 className="sidebar-heading">Volumes</h2>
      <ul>
        {volumes.map((v) => (
          <li key={v.key}>
            <Link
              href={browseHref(v.key)}
              className="volume-link"
              aria-current={v.key === current ? "page" : undefined}
              data-testid="volume-link"
              data-volume={v.key}
            >
              <HardDrive size={16} aria-hidden="true" className="volume-icon" />
              <span className="volume-link-text">
                <span className="volume-link-name">{v.key}</span>
                <span className="volume-link-path">{v.path}</span>
                {v.key === current ? (
                  <CurrentVolumeBadges volume={v} path={currentPath} />
                ) : (
                  <VolumeBadges volume={v} />
                )}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
