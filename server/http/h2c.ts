// HTTP/2 cleartext (h2c, "prior knowledge") next to HTTP/1.1 on the app's one port. Databricks
// Apps terminates TLS at its proxy and requires apps to support h2c (docs/architecture.md, "HTTP/2
// cleartext"); browsers, curl, the local proxy and health checks speak HTTP/1.1. Node's
// http2.createServer() without TLS speaks only HTTP/2, so each new connection is sniffed: a client
// that opens with the HTTP/2 connection preface goes to an HTTP/2 session, anything else to the
// HTTP/1.1 server, and both end in the same request handler (Fastify's), so routes, hooks, limits
// and logging are one and the same.
import type http from "node:http";
import http2 from "node:http2";
import type { Socket } from "node:net";

/** RFC 9113 §3.4: what every HTTP/2 client sends first over cleartext. */
const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");

/** At most this many requests at once per connection (Node's default is unlimited). */
const MAX_STREAMS = 128;
/**
 * Flow-control windows: how much a client may send before the app acknowledges it. HTTP/2's 64 KiB
 * default would cap an upload at 64 KiB per round trip, and all uploads multiplexed on the
 * proxy's connection together at the same; these bound what one stream, and one connection, can
 * have in flight, so memory stays bounded too.
 */
const STREAM_WINDOW_BYTES = 1024 * 1024;
const CONNECTION_WINDOW_BYTES = 8 * 1024 * 1024;

export interface H2cOptions {
  /** A connection that sends nothing for this long is handed to HTTP/1.1, whose timeouts apply. */
  sniffTimeoutMs?: number;
  /** An HTTP/2 session with no traffic for this long is closed (GOAWAY); default: the server's timeout. */
  idleSessionTimeoutMs?: number;
}

export interface H2c {
  /** Open HTTP/2 sessions. */
  sessionCount(): number;
  /** GOAWAY to every session: open streams finish, no new ones start, then each connection closes. */
  closeSessions(): void;
  /** Ends every session now, cutting its open streams (the last step of a shutdown). */
  destroySessions(): void;
}

type Verdict = "h2" | "http1" | "undecided";

function judge(start: Buffer): Verdict {
  const n = Math.min(start.length, PREFACE.length);
  if (!start.subarray(0, n).equals(PREFACE.subarray(0, n))) return "http1";
  return n === PREFACE.length ? "h2" : "undecided";
}

/**
 * Makes `server` (listening or not) answer HTTP/2 cleartext as well. Its own 'request' listeners
 * get the HTTP/2 requests (Node's compatibility API: the same req/res methods, and `req.socket`
 * stands for the stream, so destroying it resets one stream, not the connection). Fastify's close()
 * knows nothing of these sessions: a shutdown calls closeSessions() and, at its deadline,
 * destroySessions(), next to what it does for HTTP/1.1 connections.
 */
export function serveH2c(server: http.Server, options: H2cOptions = {}): H2c {
  const sniffTimeoutMs = options.sniffTimeoutMs ?? 10_000;
  const idleSessionTimeoutMs = options.idleSessionTimeoutMs ?? server.timeout ?? 0;
  const sessions = new Set<http2.ServerHttp2Session>();
  const h2 = http2.createServer({
    settings: { maxConcurrentStreams: MAX_STREAMS, initialWindowSize: STREAM_WINDOW_BYTES },
  });
  h2.on("request", (req, res) => server.emit("request", req, res));
  h2.on("session", (session) => {
    sessions.add(session);
    session.setLocalWindowSize(CONNECTION_WINDOW_BYTES);
    session.once("close", () => sessions.delete(session));
    if (idleSessionTimeoutMs > 0) session.setTimeout(idleSessionTimeoutMs, () => session.close());
  });

  // Node's HTTP/1.1 server registers its parser as a 'connection' listener; it now runs only for
  // connections judged HTTP/1.1.
  const http1Listeners = server.listeners("connection") as Array<(socket: Socket) => void>;
  for (const listener of http1Listeners) server.removeListener("connection", listener);
  const toHttp1 = (socket: Socket) => {
    for (const listener of http1Listeners) listener.call(server, socket);
  };

  server.on("connection", (socket: Socket) => {
    let seen: Buffer = Buffer.alloc(0);
    const decide = (verdict: "h2" | "http1") => {
      clearTimeout(timer);
      socket.removeListener("data", onData);
      socket.removeListener("error", onError);
      socket.pause();
      // Put the bytes read back for the protocol's own parser. An HTTP/2 session reads what the
      // socket holds when it takes the socket over (and must be the only reader after that). The
      // HTTP/1.1 parser is fed by resume(), from the nextTick queue, so ahead of any later read.
      if (seen.length > 0) socket.unshift(seen);
      if (verdict === "h2") {
        h2.emit("connection", socket);
      } else {
        toHttp1(socket);
        socket.resume();
      }
    };
    const onData = (chunk: Buffer) => {
      seen = seen.length === 0 ? chunk : Buffer.concat([seen, chunk]);
      const verdict = judge(seen);
      if (verdict !== "undecided") decide(verdict);
    };
    const onError = () => socket.destroy();
    const timer = setTimeout(() => decide("http1"), sniffTimeoutMs);
    timer.unref();
    socket.on("error", onError);
    socket.on("data", onData);
  });

  return {
    sessionCount: () => sessions.size,
    closeSessions: () => {
      for (const session of sessions) session.close();
    },
    destroySessions: () => {
      for (const session of sessions) session.destroy();
    },
  };
}
