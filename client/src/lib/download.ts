// Downloads that fail show up in the app, never as a saved error body (`download.json`).
//
// 1. Preflight: a HEAD of the same URL. The server refuses everything it can (bad path, policy,
//    grant, missing file or folder) before the first byte, so a refusal shows up here and
//    nothing is saved.
// 2. Hand-over: a hidden iframe navigates to the URL. An attachment becomes a browser
//    download, streamed to disk whatever its size (fetch + blob would hold it in memory). If the
//    file went away between 1 and 2, the error answer has no Content-Disposition: it renders
//    inside the iframe (no download happens), whose load event lets us read and report it.
import { ApiError, apiErrorFrom } from "./api-client";

/** How long a hand-over frame stays: long enough for a big zip to start, then it is dropped. */
const FRAME_LIFETIME_MS = 5 * 60_000;

/** What a refused HEAD means (it carries no body, so no server message). */
function refusal(status: number): ApiError {
  const message =
    status === 404
      ? "It no longer exists (deleted or moved)."
      : status === 403
        ? "You don't have permission to download it."
        : status === 401
          ? "You are signed out; reload the page to sign in again."
          : status === 413
            ? "It is too large to download in one piece."
            : `The server refused the download (HTTP ${status}).`;
  return new ApiError(status, status === 404 ? "NOT_FOUND" : "DOWNLOAD_REFUSED", message);
}

async function preflight(url: string): Promise<void> {
  // HEAD runs every check the download would (path, policy, grant, existence) and moves no bytes.
  const res = await fetch(url, { method: "HEAD", credentials: "same-origin" });
  // Read the (empty) body to its end: a response left unread counts as an aborted request.
  await res.arrayBuffer();
  if (!res.ok) throw refusal(res.status);
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
  // Not sandboxed: only our own API answers land here, an attachment (which the browser saves,
  // never renders; files also carry a CSP sandbox) or a JSON error, which Chromium shows with
  // its own viewer script that a sandbox would block noisily.
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
