// URLs of /api/files/:volume/* routes. Paths travel in the query string (never the URL path),
// as the server expects, so no segment is ever decoded twice.

export function filesUrl(
  volume: string,
  route: string,
  params: Record<string, string | string[] | boolean | number | undefined> = {},
): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(name, String(v));
  }
  const query = search.toString();
  const base = `/api/files/${encodeURIComponent(volume)}${route ? `/${route}` : ""}`;
  return query ? `${base}?${query}` : base;
}

/** A link that downloads one file as an attachment (works with middle-click and no JS). */
export const downloadUrl = (volume: string, path: string) => filesUrl(volume, "download", { path });

/** A link the server answers with one streamed zip of these files and folders. */
export const zipUrl = (volume: string, paths: readonly string[], name?: string) =>
  filesUrl(volume, "zip", { path: [...paths], name });
