// The local stand-in for the Databricks Apps proxy: the port a person opens. It signs a demo
// user in, replaces every identity header with its own, and cuts requests at a time limit.
import { randomUUID } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { PrincipalsFile } from "../principals.js";
import { forward } from "./forward.js";
import { clientIp, toAppHeaders } from "./headers.js";
import { handleReserved, RESERVED_PREFIX } from "./reserved-routes.js";
import { sendJson } from "./responses.js";
import { SessionStore, sessionCookieName, withoutSessionCookies } from "./sessions.js";
import { authenticate } from "./sign-in.js";
import { handleTestHooks, type ProxyLimits, type ProxyTestHooks, TEST_HOOKS_PREFIX } from "./test-hooks.js";
import { answerUnauthenticated, NOT_SIGNED_IN } from "./unauthenticated.js";
import { ForwardedTokens, type UserAuthorization } from "./user-tokens.js";

export interface ProxyOptions {
  /** Where the app listens, e.g. http://127.0.0.1:8001. */
  appUrl: string;
  /**
   * Further instances of the same app: requests go round-robin over `appUrl` and these, as
   * Databricks Apps spreads them over an app's instances.
   */
  moreAppUrls?: string[];
  /** The app's user_api_scopes and a token issuer; absent: user authorization is off. */
  userAuthorization?: UserAuthorization;
  /** Current identities; called per request, so edits to principals.json apply at once. */
  principals: () => PrincipalsFile;
  /** Default 127.0.0.1; set 0.0.0.0 to let other machines reach the local workspace. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Per-request limit from arrival to the last response byte; default 120 000 like Databricks. */
  timeoutMs?: number;
  /**
   * How long a client may take to send a request's headers before the connection is cut (slow
   * header attacks), like the real proxy's front end; default 30 000.
   */
  headersTimeoutMs?: number;
  /**
   * Request body throughput in bytes per second (LOCAL_PROXY_THROTTLE_KIBPS); default 0, no
   * limit. Lets a test make a single-request upload outlast `timeoutMs` with a small file.
   */
  throttleBytesPerSecond?: number;
  /** Local workspace with test hooks: /.proxy/test/* changes the limits and restarts the app. */
  testHooks?: ProxyTestHooks;
  /** One line per request: method, path, user, status, duration. Never tokens. */
  log?: (line: string) => void;
}

export interface AppsProxy {
  url: string;
  port: number;
  close(): Promise<void>;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

export async function startProxy(options: ProxyOptions): Promise<AppsProxy> {
  const appUrls = [options.appUrl, ...(options.moreAppUrls ?? [])].map((raw) => {
    const url = new URL(raw);
    if (url.protocol !== "http:") throw new Error(`appUrl must be http://, got ${raw}`);
    return url;
  });
  let nextApp = 0;
  const forwardedTokens = new ForwardedTokens(options.userAuthorization);
  // Mutable through /.proxy/test/limits; each request takes the time limit in force when it arrives.
  const limits: ProxyLimits = {
    timeoutMs: options.timeoutMs ?? 120_000,
    throttleBytesPerSecond: options.throttleBytesPerSecond ?? 0,
  };
  const bodyBytesPerSecond = () => limits.throttleBytesPerSecond;
  const headersTimeoutMs = options.headersTimeoutMs ?? 30_000;
  const log = options.log ?? (() => {});
  const agent = new http.Agent({ keepAlive: true });
  const sessions = new SessionStore();
  let cookieName = "";
  let origin = "";

  async function route(req: IncomingMessage, res: ServerResponse, exchange: Exchange): Promise<void> {
    // Only origin-form targets (`/path?q`); absolute-form would let a client pick another upstream.
    const rawUrl = req.url ?? "";
    if (!rawUrl.startsWith("/")) {
      sendJson(res, 400, { error: "BAD_REQUEST", message: "Request target must be a path" }, { close: true });
      return;
    }
    const url = new URL(rawUrl, "http://proxy.invalid");
    exchange.path = url.pathname;
    if (options.testHooks && url.pathname.startsWith(TEST_HOOKS_PREFIX)) {
      await handleTestHooks(req, res, url.pathname, limits, options.testHooks);
      return;
    }
    const principals = options.principals();
    const requestOrigin = req.headers.host ? `http://${req.headers.host}` : origin;
    if (url.pathname.startsWith(RESERVED_PREFIX)) {
      const ctx = { principals, sessions, cookieName, origin: requestOrigin };
      exchange.user = (await handleReserved(req, res, url, ctx)) ?? "-";
      return;
    }
    const signIn = authenticate(req.headers, principals, sessions, cookieName);
    if (signIn.kind === "rejected") {
      // Wrong credentials were sent on purpose: say what is wrong rather than show a page.
      answerUnauthenticated(req, res, signIn.message, { redirect: false });
      return;
    }
    if (signIn.kind === "anonymous") {
      answerUnauthenticated(req, res, NOT_SIGNED_IN, { redirect: true });
      return;
    }
    exchange.user = signIn.user.userName;
    let accessToken: string | undefined;
    try {
      accessToken = await forwardedTokens.tokenFor(signIn.user);
    } catch (err) {
      exchange.note = "no user token";
      const why = err instanceof Error ? err.message : String(err);
      sendJson(
        res,
        502,
        { error: "BAD_GATEWAY", message: `The local Apps proxy could not get a user token: ${why}` },
        { close: true },
      );
      return;
    }
    const headers = toAppHeaders(req.headers, {
      user: signIn.user,
      accessToken,
      workspaceId: principals.workspaceId,
      clientIp: clientIp(req.socket.remoteAddress),
      proto: "http",
      requestId: randomUUID(),
      dropAuthorization: signIn.via === "basic",
      cookie: withoutSessionCookies(req.headers.cookie),
      fallbackHost: new URL(origin).host,
    });
    // Round-robin: consecutive requests, even from one browser, land on different instances.
    const appUrl = appUrls[nextApp++ % appUrls.length] as URL;
    exchange.cancel = forward(req, res, headers, { agent, appUrl, bodyBytesPerSecond }, (note) => {
      exchange.note = note;
    });
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const exchange: Exchange = { path: "?", user: "-", note: "" };
    const timeoutMs = limits.timeoutMs;
    // The proxy's own test hooks are not app requests: a restart that waits for in-flight chunks
    // may take longer than a limit a test lowered to a few seconds.
    const isTestHook = Boolean(options.testHooks) && (req.url ?? "").startsWith(TEST_HOOKS_PREFIX);
    const timer = setTimeout(() => {
      exchange.note = "timeout";
      exchange.cancel?.();
      if (res.headersSent) {
        // Mid-stream there is no way to report an error: breaking the connection is what the real proxy does.
        res.destroy();
        return;
      }
      sendJson(
        res,
        504,
        {
          error: "GATEWAY_TIMEOUT",
          message: `The request took longer than ${seconds(timeoutMs)}, the per-request limit of the Databricks Apps proxy (local workspace: LOCAL_PROXY_TIMEOUT_S). Split long transfers into smaller requests.`,
        },
        { close: true },
      );
    }, timeoutMs);
    if (isTestHook) clearTimeout(timer);
    res.on("close", () => {
      clearTimeout(timer);
      if (!res.writableFinished) {
        exchange.cancel?.();
        exchange.note ||= "client closed";
      }
      const ms = Math.round(performance.now() - started);
      const note = exchange.note ? ` (${exchange.note})` : "";
      log(`${req.method} ${exchange.path} ${exchange.user} ${res.statusCode}${note} ${ms}ms`);
    });
    route(req, res, exchange).catch((err: unknown) => {
      exchange.note = err instanceof Error ? err.message : String(err);
      if (res.headersSent) res.destroy();
      else
        sendJson(
          res,
          500,
          { error: "INTERNAL_ERROR", message: "The local Apps proxy failed" },
          { close: true },
        );
    });
  };
  const server = http.createServer(
    {
      // The time limit in `handle` covers whole requests, so Node's own 300 s cap must not cut in first.
      requestTimeout: 0,
      // A head trickled a byte at a time would otherwise hold its connection forever: cut it
      // (408) once the head is late, checking often enough that the bound is what it says.
      headersTimeout: headersTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, Math.max(50, headersTimeoutMs / 4)),
    },
    handle,
  );
  // Without this listener Node itself would answer `Expect: 100-continue` with 100 at once;
  // with it, whoever answers the request decides (the app, for forwarded ones: see forward.ts).
  server.on("checkContinue", handle);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  cookieName = sessionCookieName(address.port);
  // A wildcard bind is reachable from elsewhere, but the URL to print is the loopback one.
  const wildcard = address.address === "0.0.0.0" || address.address === "::";
  const displayHost = wildcard
    ? "127.0.0.1"
    : address.family === "IPv6"
      ? `[${address.address}]`
      : address.address;
  origin = `http://${displayHost}:${address.port}`;

  return {
    url: origin,
    port: address.port,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      agent.destroy();
      await closed;
    },
  };
}

interface Exchange {
  path: string;
  user: string;
  note: string;
  cancel?: () => void;
}
