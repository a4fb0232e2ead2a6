import { Fragment } from "react";

/**
 * A path that may wrap after each "/" (and only mid-segment when a segment is longer than the
 * line), so `/Volumes/main/demo/shared/data/sales.csv` breaks where a reader expects. Spaces in
 * names are kept exactly (the containing element sets `white-space: pre-wrap`).
 */
export function PathText({ path }: { path: string }) {
  const parts = path.split("/");
  return (
    <>
      {parts.map((part, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: segments of one fixed string, in order.
        <Fragment key={i}>
          {part}
          {i < parts.length - 1 && (
            <>
              /<wbr />
            </>
          )}
        </Fragment>
      ))}
    </>
  );
}
