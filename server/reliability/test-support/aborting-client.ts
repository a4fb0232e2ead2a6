// A client that walks away: it sends part of an upload, or reads part of a download, and then
// destroys its socket, as a closed browser tab or a dropped connection would.
import http from "node:http";
import { sleep } from "./leaks.js";

/** Sends `sendBytes` of `body` (declaring all of it in Content-Length), then destroys the request. */
export function abortUpload(
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  sendBytes: number,
): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request(url, {
      method: "POST",
      agent: false,
      headers: {
        ...headers,
        "content-length": String(body.length),
        "content-type": "application/octet-stream",
      },
    });
    req.on("error", () => {});
    req.on("close", () => resolve());
    req.on("response", (res) => res.resume());
    req.flushHeaders();
    void (async () => {
      let sent = 0;
      while (sent < sendBytes && !req.destroyed) {
        const chunk = body.subarray(sent, Math.min(sendBytes, sent + 64 * 1024));
        sent += chunk.length;
        if (!req.write(chunk)) await new Promise((r) => req.once("drain", r));
      }
      // Let the bytes travel through the proxy and the app before the client disappears.
      await sleep(200);
      req.destroy();
    })();
  });
}

/** Reads `readBytes` of a download (0: only the response head), then destroys the connection. */
export function abortDownload(
  url: string,
  headers: Record<string, string>,
  readBytes: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, headers });
    let received = 0;
    req.on("error", () => {});
    req.on("close", () => resolve(received));
    req.on("response", (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`download answered ${res.statusCode}`));
        req.destroy();
        return;
      }
      res.on("error", () => {});
      if (readBytes === 0) {
        req.destroy();
        return;
      }
      res.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received >= readBytes) req.destroy();
      });
    });
  });
}
