// One request passed to the app and its response passed back, both streamed with
// backpressure: nothing is buffered, so a multi-GiB transfer costs a few socket buffers.
import http, {
  type ClientRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from "node:http";
import { pipeline, type Readable } from "node:stream";
import { dropRestOfBody } from "../../server/http/lingering-close.js";
import { toClientHeaders } from "./headers.js";
import { type ProxyError, sendJson } from "./responses.js";
import { BodyThrottle } from "./throttle.js";

export interface ForwardTarget {
  agent: http.Agent;
  appUrl: URL;
  /** Request body throughput in bytes per second, read as bytes pass; 0 or absent: no limit. */
  bodyBytesPerSecond?: () => number;
}

function badGateway(err: NodeJS.ErrnoException, appUrl: URL): ProxyError {
  const app = appUrl.origin;
  if (err.code === "ECONNREFUSED") {
    return {
      error: "BAD_GATEWAY",
      message: `The app is not reachable: nothing listens at ${app} (ECONNREFUSED). Is it running, or still starting?`,
    };
  }
  return {
    error: "BAD_GATEWAY",
    message: `The app at ${app} failed before responding (${err.code ?? err.message})`,
  };
}

/** Whether the client waits for `100 Continue` before sending its body. */
export function expectsContinue(req: IncomingMessage): boolean {
  return req.headers.expect?.trim().toLowerCase() === "100-continue";
}

/** After the app's early answer, how long and how much of the client's unread body is dropped. */

/**
 * Sends `req` to the app with `headers` and streams the answer into `res`.
 * Returns `cancel`, which tears the upstream exchange down (client gone, time limit hit).
 */
export function forward(
  req: IncomingMessage,
  res: ServerResponse,
  headers: OutgoingHttpHeaders,
  target: ForwardTarget,
  onNote: (note: string) => void,
): () => void {
  let cancelled = false;
  let upstream: ClientRequest | undefined;
  let upstreamRes: IncomingMessage | undefined;
  const bodiless =
    req.headers["content-length"] === undefined && req.headers["transfer-encoding"] === undefined;
  // A pooled keep-alive socket the app closed just as it was reused fails before any byte is
  // answered; requests without a body and without side effects can safely go again once.
  const retryable = bodiless && (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS");
  // `Expect: 100-continue`: the client holds its body back until told to send it. Only the app
  // knows whether it wants it (an over-limit upload gets its 413 instead), so the expectation
  // goes to the app (headers.ts keeps it) and the app's `100 Continue` comes back.
  const expecting = expectsContinue(req);
  let continued = false;
  // What goes to the app: the client's body, through the throttle when the local workspace sets one.
  const throttle =
    bodiless || !target.bodyBytesPerSecond
      ? undefined
      : req.pipe(new BodyThrottle(target.bodyBytesPerSecond));
  const body: Readable = throttle ?? req;

  const cancel = () => {
    if (cancelled) return;
    cancelled = true;
    if (upstream) body.unpipe(upstream);
    throttle?.destroy();
    // Destroying (not ending) tells the app the request was cut, as a client disconnect would.
    upstream?.destroy();
    upstreamRes?.destroy();
  };

  const onResponse = (response: IncomingMessage) => {
    upstreamRes = response;
    if (cancelled) {
      response.destroy();
      return;
    }
    // Refused before the go-ahead, the client never sends its body, so the connection can't
    // carry another request: say so and close it after the answer (RFC 9110 §10.1.1).
    const refusedExpectation = expecting && !continued;
    const headers = toClientHeaders(response.rawHeaders);
    if (refusedExpectation) headers.push("Connection", "close");
    res.writeHead(response.statusCode ?? 502, response.statusMessage || undefined, headers);
    pipeline(response, res, (err) => {
      if (!err) {
        if (refusedExpectation) cancel();
        else if (!bodiless && !req.complete) stopForwardingBody();
        return;
      }
      // Either side broke mid-body: the other must see a broken stream, not a clean short one.
      if (!cancelled && !res.destroyed) onNote("app reset");
      cancel();
      res.destroy();
    });
  };

  // The app answered in full before reading the whole body (a 403, a 409, a 413): it needs no more
  // of it, and a stalled or dropped app connection must not strand the client's remaining bytes,
  // which would keep the next request on this keep-alive connection from ever being read. So the
  // app side is closed and the rest is read and dropped here, within bounds.
  const stopForwardingBody = () => {
    cancelled = true;
    body.unpipe(upstream);
    if (throttle) {
      req.unpipe(throttle);
      throttle.destroy();
    }
    upstream?.destroy();
    dropRestOfBody(req);
  };

  const send = (attempt: number) => {
    const request = http.request({
      agent: target.agent,
      protocol: target.appUrl.protocol,
      hostname: target.appUrl.hostname,
      port: target.appUrl.port,
      method: req.method,
      path: req.url,
      headers,
    });
    upstream = request;
    request.on("response", onResponse);
    request.on("continue", () => {
      if (!expecting || continued || cancelled || res.headersSent) return;
      continued = true;
      res.writeContinue();
    });
    request.on("error", (err: NodeJS.ErrnoException) => {
      if (cancelled) return;
      if (attempt === 0 && retryable && request.reusedSocket && err.code === "ECONNRESET" && !upstreamRes) {
        send(1);
        return;
      }
      // The app answered in full and then stopped reading the body (an early 413, say): keep its answer.
      if (upstreamRes?.complete) {
        body.unpipe(request);
        return;
      }
      cancel();
      if (res.headersSent) {
        onNote("app reset");
        res.destroy();
        return;
      }
      onNote(err.code ?? "app error");
      sendJson(res, 502, badGateway(err, target.appUrl), { close: true });
    });
    if (bodiless) request.end();
    else body.pipe(request);
  };

  // A client that vanishes mid-upload: the app must not receive a truncated body as if complete.
  req.on("error", cancel);
  if (bodiless) req.resume();
  send(0);
  return cancel;
}
