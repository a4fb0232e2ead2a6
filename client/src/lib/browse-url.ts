// The URL is the state of navigation: `/browse/<volume>/<dir...>?file=<name>&sort=<key>&order=<dir>`.
// Each path segment is percent-encoded on its own, so names with `#`, `?`, `%`, `;` or spaces
// survive reload, back/forward and being pasted into a chat.

export type SortKey = "name" | "size" | "modified";
export type SortOrder = "asc" | "desc";
export interface SortState {
  key: SortKey;
  order: SortOrder;
}

export const DEFAULT_SORT: SortState = { key: "name", order: "asc" };

export type Route =
  | { kind: "home" }
  | {
      kind: "browse";
      volume: string;
      /** Canonical volume-relative directory path ('' for the root). */
      path: string;
      /** A file in that directory whose details are open. */
      file?: string;
      sort: SortState;
    }
  | { kind: "invalid"; reason: string };

const PREFIX = "/browse";

function encodeSegments(path: string): string {
  return path === "" ? "" : `/${path.split("/").map(encodeURIComponent).join("/")}`;
}

export function browseHref(
  volume: string,
  path = "",
  options: { file?: string; sort?: SortState } = {},
): string {
  const params = new URLSearchParams();
  if (options.file) params.set("file", options.file);
  const sort = options.sort ?? DEFAULT_SORT;
  if (sort.key !== DEFAULT_SORT.key || sort.order !== DEFAULT_SORT.order) {
    params.set("sort", sort.key);
    params.set("order", sort.order);
  }
  const query = params.toString();
  return `${PREFIX}/${encodeURIComponent(volume)}${encodeSegments(path)}${query ? `?${query}` : ""}`;
}

function parseSort(params: URLSearchParams): SortState {
  const key = params.get("sort");
  const order = params.get("order");
  return {
    key: key === "size" || key === "modified" ? key : "name",
    order: order === "desc" ? "desc" : "asc",
  };
}

/** Reads a location back into a route; never throws on a hand-edited URL. */
export function parseLocation(pathname: string, search: string): Route {
  if (pathname === "/" || pathname === "") return { kind: "home" };
  if (pathname !== PREFIX && !pathname.startsWith(`${PREFIX}/`)) {
    return { kind: "invalid", reason: `There is no page at ${pathname}.` };
  }
  const raw = pathname
    .slice(PREFIX.length)
    .split("/")
    .filter((s) => s !== "");
  if (raw.length === 0) return { kind: "home" };
  const segments: string[] = [];
  for (const segment of raw) {
    try {
      segments.push(decodeURIComponent(segment));
    } catch {
      return { kind: "invalid", reason: "This link is malformed (a broken %-escape)." };
    }
  }
  const [volume = "", ...rest] = segments;
  const params = new URLSearchParams(search);
  const file = params.get("file") ?? undefined;
  return {
    kind: "browse",
    volume,
    path: rest.join("/"),
    ...(file ? { file } : {}),
    sort: parseSort(params),
  };
}
