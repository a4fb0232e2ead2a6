// Downloads that fail show up in the app, never as a saved error body (`download.json`).
//
// 1. Preflight: the same URL is fetched and dropped as soon as its status line arrives. The
//    server refuses everything it can (bad path, policy, grant, missing file or folder) before
//    the first byte, so a failure here carries the server's own message and nothing is saved.
// 2. Hand-over: a hidden, sandboxed iframe navigates to the URL. An attachment becomes a browser
//    download, streamed to disk whatever its size (fetch + blob would hold it in memory). If the
//    file went away between 1 and 2, the error answer has no Content-Disposition: it renders
//    inside the iframe (no download happens), whose load event lets us read and report it.
import { ApiError, apiErrorFrom, apiFetch } from "./api-client";

/** How long a hand-over frame stays: long enough for a big zip to start, then it is dropped. */
const FRAME_LIFETIME_MS = 5 * 60_000;

async function preflight(url: string): Promise<void> {
  const stop = new AbortController();
  // apiFetch throws an ApiError with the server's message when the status is not 2xx.
  const res = await apiFetch(url, { signal: stop.signal });
  stop.abort();
  await res.body?.cancel().catch(() => {});
}

/** The error page the frame shows: normally the API's JSON error body. */
function lateError(text: string): ApiError {
  let status = 500;
  try {
    const parsed = JSON.parse(text) as { status?: unknown };
    if (typeof parsed.status === "number") status = parsed.status;
  } catch {
    return new ApiError(status, "DOWNLOAD_FAILED", "The download failed.");
  }
  return apiErrorFrom(status, "", text);
}

function handOver(url: string, onLateError: (error: ApiError) => void): void {
  const frame = document.createElement("iframe");
  // No scripts; same-origin so the error body can be read; downloads allowed.
  frame.setAttribute("sandbox", "allow-same-origin allow-downloads");
  frame.hidden = true;
  frame.title = "download";
  const remove = () => frame.remove();
  const timer = setTimeout(remove, FRAME_LIFETIME_MS);
  // A download does not load a document into the frame; only an (error) page does.
  frame.addEventListener("load", () => {
    clearTimeout(timer);
    const text = frame.contentDocument?.body?.textContent ?? "";
    remove();
    onLateError(lateError(text));
  });
  frame.src = url;
  document.body.append(frame);
}

/**
 * Starts a download of a same-origin URL the server answers as an attachment. Rejects with an
 * ApiError when the server refuses it; `onLateError` reports a refusal that only arrives at
 * the hand-over (the file deleted in between).
 */
export async function startDownload(url: string, onLateError: (error: ApiError) => void): Promise<void> {
  await preflight(url);
  handOver(url, onLateError);
}
