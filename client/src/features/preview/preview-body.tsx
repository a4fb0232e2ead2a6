// Renders the previewer for a file's kind (see viewer-registry.ts), and shows why instead of a
// blank when one throws (a malformed file) or its chunk fails to load.
import { Component, type ReactNode } from "react";
import { useViewer } from "./viewer-registry";
import { ViewerError, ViewerLoading } from "./viewers/viewer-parts";
import type { ViewerProps } from "./viewers/viewer-props";

class ViewerBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    return this.state.error ? <ViewerError error={this.state.error} /> : this.props.children;
  }
}

export function PreviewBody(props: ViewerProps) {
  const { Viewer, error } = useViewer(props.preview.kind);
  if (error) return <ViewerError error={error} />;
  if (!Viewer) return <ViewerLoading />;
  return (
    <ViewerBoundary>
      <Viewer {...props} />
    </ViewerBoundary>
  );
}
