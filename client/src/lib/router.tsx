// A tiny History API router: the location is an external store, links are real <a href>s (so
// middle-click and "copy link" work), and navigation is pushState + a notification.
import type { AnchorHTMLAttributes, MouseEvent } from "react";
import { createStore, useStore } from "./store";

// A string snapshot (path and query) keeps readers stable between renders.
const currentHref = () => `${window.location.pathname}${window.location.search}`;

const location = createStore(currentHref());
// Back and forward change the URL without navigate().
window.addEventListener("popstate", () => location.set(currentHref()));

export function useLocation(): { pathname: string; search: string } {
  const href = useStore(location);
  const q = href.indexOf("?");
  return q < 0 ? { pathname: href, search: "" } : { pathname: href.slice(0, q), search: href.slice(q) };
}

export function navigate(href: string, options: { replace?: boolean } = {}): void {
  if (href === currentHref()) return;
  if (options.replace) window.history.replaceState(null, "", href);
  else window.history.pushState(null, "", href);
  location.set(currentHref());
}

function isPlainLeftClick(event: MouseEvent<HTMLAnchorElement>): boolean {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return (
    <a
      href={href}
      onClick={(event) => {
        onClick?.(event);
        if (event.defaultPrevented || !isPlainLeftClick(event)) return;
        event.preventDefault();
        navigate(href);
      }}
      {...rest}
    />
  );
}
