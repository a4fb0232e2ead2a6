// The shell: header, the volume switcher, and the screen the URL names. Features are composed
// here (and in browse-screen.tsx); they never import each other.
import { useEffect } from "react";
import { useVolumes } from "../api/volumes";
import { LiveRegion } from "../components/ui/live-region";
import { ErrorState, LoadingSkeleton } from "../features/browser";
import { ConflictDialog, UploadManager } from "../features/upload";
import { SignedInUser } from "../features/volumes/signed-in-user";
import { VolumeMenu } from "../features/volumes/volume-menu";
import { VolumeOverview } from "../features/volumes/volume-overview";
import { VolumeSwitcher } from "../features/volumes/volume-switcher";
import { parseLocation } from "../lib/browse-url";
import { describeError } from "../lib/describe-error";
import { Link, useLocation } from "../lib/router";
import { NARROW_SCREEN, useMediaQuery } from "../lib/use-media-query";
import { AppLogo } from "./app-logo";
import { BrowseScreen } from "./browse-screen";

export function App() {
  const location = useLocation();
  const route = parseLocation(location.pathname, location.search);
  const volumes = useVolumes();
  const current = route.kind === "browse" ? route.volume : undefined;
  // A narrow screen gives the listing the whole width: the volume list moves into a menu.
  const narrow = useMediaQuery(NARROW_SCREEN);

  useEffect(() => {
    const where = route.kind === "browse" ? [route.path.split("/").at(-1) || route.volume, route.volume] : [];
    document.title = [...new Set(where)].concat("Volumes Browser").join(" · ");
  }, [route]);

  let content: React.ReactNode;
  if (volumes.isPending) content = <LoadingSkeleton />;
  else if (volumes.isError)
    content = <ErrorState error={describeError(volumes.error)} onRetry={() => void volumes.refetch()} />;
  else if (route.kind === "home") content = <VolumeOverview volumes={volumes.data.details} />;
  else if (route.kind === "invalid") {
    content = (
      <ErrorState error={{ kind: "not-found", title: "Page not found", detail: route.reason }}>
        <Link href="/" className="btn">
          Go to the volumes
        </Link>
      </ErrorState>
    );
  } else {
    const volume = volumes.data.details.find((v) => v.key === route.volume);
    content = volume ? (
      <BrowseScreen volume={volume} volumes={volumes.data.details} route={route} />
    ) : (
      <ErrorState
        error={{
          kind: "not-found",
          title: `There is no volume “${route.volume}”`,
          detail:
            "This app is not configured with a volume of that name. It may have been renamed or removed.",
        }}
      >
        <Link href="/" className="btn">
          See the volumes
        </Link>
      </ErrorState>
    );
  }

  return (
    <div className="app">
      <a href="#main" className="skip-link">
        Skip to the file list
      </a>
      <header className="app-header">
        <div className="app-header-start">
          <Link href="/" className="brand">
            <AppLogo />
            <span className="brand-name">Volumes Browser</span>
          </Link>
          {narrow && volumes.data && (
            <VolumeMenu
              volumes={volumes.data.details}
              current={current}
              currentPath={route.kind === "browse" ? route.path : ""}
            />
          )}
        </div>
        <SignedInUser />
      </header>
      <div className="app-body">
        {!narrow && (
          <aside className="sidebar">
            {volumes.data && (
              <VolumeSwitcher
                volumes={volumes.data.details}
                current={current}
                currentPath={route.kind === "browse" ? route.path : ""}
              />
            )}
          </aside>
        )}
        <main id="main" className="app-main" tabIndex={-1}>
          {content}
        </main>
      </div>
      <UploadManager />
      <ConflictDialog />
      <LiveRegion />
    </div>
  );
}
