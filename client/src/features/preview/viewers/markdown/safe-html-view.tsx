// Puts a sanitised fragment into the page. A copy each time: inserting a fragment empties it.
import { useLayoutEffect, useRef } from "react";

export function SafeHtmlView({
  fragment,
  className,
  testId,
}: {
  fragment: DocumentFragment;
  className: string;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    ref.current?.replaceChildren(fragment.cloneNode(true));
  }, [fragment]);
  return <div ref={ref} className={className} data-testid={testId} />;
}
