/**
 * Starts a download of a same-origin URL that the server answers as an attachment. A link
 * click (not fetch + blob) lets the browser stream the file to disk, whatever its size.
 */
export function startDownload(url: string): void {
  const a = document.createElement("a");
  a.href = url;
  a.download = "";
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
}
