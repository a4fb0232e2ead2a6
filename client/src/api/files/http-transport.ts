// One HTTP request with upload progress. fetch() has no upload progress events, so this uses
// XMLHttpRequest. Uploads (one request or chunks) go through a Transport so that the code that
// runs a protocol can be tested with a fake server function instead of the network.
import { CSRF_HEADER } from "@shared/http-headers";

export interface HttpRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  headers?: Record<string, string>;
  /** A Blob (or a slice of one) is sent from disk as the browser reads it: nothing is buffered here. */
  body?: Blob | string;
  signal?: AbortSignal;
  onUploadProgress?: (loaded: number) => void;
}

export interface HttpResponse {
  status: number;
  statusText: string;
  header(name: string): string | null;
  text: string;
}

/** Resolves with any HTTP status; rejects with TypeError (network) or UploadAbortedError. */
export type Transport = (request: HttpRequest) => Promise<HttpResponse>;

export class UploadAbortedError extends Error {
  constructor() {
    super("The upload was cancelled.");
    this.name = "UploadAbortedError";
  }
}

export const xhrTransport: Transport = (request) =>
  new Promise((resolve, reject) => {
    if (request.signal?.aborted) return reject(new UploadAbortedError());
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    xhr.setRequestHeader(CSRF_HEADER.name, CSRF_HEADER.value);
    for (const [name, value] of Object.entries(request.headers ?? {})) {
      // The browser sets Content-Length itself from the body (a Blob slice has a known size).
      if (name.toLowerCase() !== "content-length") xhr.setRequestHeader(name, value);
    }
    if (request.onUploadProgress) {
      const report = request.onUploadProgress;
      xhr.upload.onprogress = (event) => report(event.loaded);
    }
    xhr.onload = () =>
      resolve({
        status: xhr.status,
        statusText: xhr.statusText,
        header: (name) => xhr.getResponseHeader(name),
        text: xhr.responseText,
      });
    // A network failure is a TypeError, as with fetch, so callers treat both the same way.
    xhr.onerror = () => reject(new TypeError("The upload could not reach the server."));
    xhr.onabort = () => reject(new UploadAbortedError());
    request.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(request.body ?? null);
  });
