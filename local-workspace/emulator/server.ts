// The request dispatcher on plain node:http: raw paths reach us undecoded and unnormalised, bodies
// stream, and HEAD answers carry exactly the headers we set.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { authenticate } from "./auth.js";
import type { RequestContext, ServerEnv } from "./context.js";
import { DIRECTORIES_PREFIX, handleDirectories } from "./directories-routes.js";
import { EmulatorApiError, endpointNotFound, sendError, sendJson } from "./errors.js";
import { faultError } from "./faults.js";
import { FILES_PREFIX, handleFiles } from "./files-routes.js";
import { HOOKS_PREFIX, handleHooks } from "./hooks-routes.js";
import { DISCOVERY_PATH, discoveryDocument, handleTokenRequest, TOKEN_PATH } from "./oauth.js";
import { tryParseVolumePath } from "./paths.js";
import { STORAGE_PREFIX, StorageError } from "./presigned.js";
import type { Principal } from "./principal-store.js";
import { sendMe } from "./scim.js";
import { handleStorage, sendStorageError } from "./storage-routes.js";
import { handleUploadApi, UPLOAD_API_PATHS } from "./upload-api-routes.js";

export const SCIM_ME_PATH = "/api/2.0/preview/scim/v2/Me";

type Handler = (ctx: RequestContext, rest: string) => Promise<void>;

/** The Files API prefix a path belongs to, and the raw volume path after it. */
function filesEndpoint(pathname: string): { handler: Handler; rest: string } | undefined {
  for (const [prefix, handler] of [
    [FILES_PREFIX, handleFiles],
    [DIRECTORIES_PREFIX, handleDirectories],
  ] as const) {
    if (pathname === prefix || pathname.startsWith(`${prefix}/`))
      return { handler, rest: pathname.slice(prefix.length) };
  }
  return undefined;
}

function splitUrl(rawUrl: string): { pathname: string; query: URLSearchParams } {
  const q = rawUrl.indexOf("?");
  return q < 0
    ? { pathname: rawUrl, query: new URLSearchParams() }
    : { pathname: rawUrl.slice(0, q), query: new URLSearchParams(rawUrl.slice(q + 1)) };
}

export function createEmulatorServer(
  env: ServerEnv,
  baseUrl: () => string,
  tls?: { key: string | Buffer; cert: string | Buffer },
): http.Server | https.Server {
  const scheme = tls ? "https" : "http";
  /** Counts the request against its principal's rate limit (429 when over) until it is answered. */
  function admit(res: ServerResponse, principal: string): void {
    let release: () => void;
    try {
      release = env.rateLimiter.admit(principal);
    } catch (err) {
      env.stats.recordRateLimited(principal);
      throw err;
    }
    env.stats.recordAdmitted(principal);
    res.once("close", () => {
      release();
      env.stats.recordDone(principal);
    });
  }
  async function route(
    req: IncomingMessage,
    res: ServerResponse,
    method: string,
    pathname: string,
    query: URLSearchParams,
  ) {
    const endpoint = filesEndpoint(pathname);
    const volumePath = endpoint ? tryParseVolumePath(endpoint.rest) : undefined;
    env.stats.recordRequest(method, pathname, volumePath);
    const fault = env.faults.take(method, pathname, volumePath);
    const snapshot = await env.principals.current();
    const key = `${method} ${pathname}`;
    const isUploadApi = UPLOAD_API_PATHS.includes(pathname);
    const isApiCall = endpoint !== undefined || isUploadApi || key === `GET ${SCIM_ME_PATH}`;
    // An API call is authenticated and counted against its principal's rate limit before any
    // injected slowness, so a slowed or hung request holds its slot as a slow upstream would. An
    // injected error status answers without looking at credentials.
    let principal: Principal | undefined;
    if (isApiCall && fault?.status === undefined) {
      principal = authenticate(req, snapshot, env.oauth);
      admit(res, principal.grantKey);
    }
    if (fault?.delayMs) await sleep(fault.delayMs);
    if (fault?.hang) {
      // Never answers. The body is read and dropped: a paused socket would never notice the client
      // giving up, and the request would look open forever.
      req.resume();
      return; // the socket stays open until the client or close() ends it
    }
    if (fault?.status !== undefined) throw faultError({ ...fault, status: fault.status });

    if (key === `GET ${DISCOVERY_PATH}`) {
      const host = req.headers.host;
      return sendJson(res, 200, discoveryDocument(host ? `${scheme}://${host}` : baseUrl()));
    }
    if (key === `POST ${TOKEN_PATH}`) return handleTokenRequest(req, res, snapshot, env.oauth);
    if (!principal) throw endpointNotFound(method, pathname);
    if (key === `GET ${SCIM_ME_PATH}`) return sendMe(res, principal, snapshot.file.workspaceId);
    const ctx: RequestContext = { req, res, env, method, pathname, query, snapshot, principal, fault };
    if (isUploadApi) return handleUploadApi(ctx);
    if (!endpoint) throw endpointNotFound(method, pathname);
    return endpoint.handler(ctx, endpoint.rest);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = (req.method ?? "GET").toUpperCase();
    const { pathname, query } = splitUrl(req.url ?? "/");
    res.once("finish", () => env.log(`${method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`));
    try {
      if (pathname.startsWith(HOOKS_PREFIX)) return await handleHooks(env, req, res, method, pathname, query);
      env.stats.openRequests += 1;
      res.once("close", () => {
        env.stats.openRequests -= 1;
      });
      // Presigned storage URLs: no workspace auth and no Files API rate limit (storage-routes.ts).
      if (pathname.startsWith(STORAGE_PREFIX))
        return await handleStorage(env, req, res, method, pathname, query);
      await route(req, res, method, pathname, query);
    } catch (err) {
      if (err instanceof EmulatorApiError) return sendError(req, res, err);
      if (err instanceof StorageError) return sendStorageError(req, res, err);
      env.log(
        `${method} ${req.url} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
      );
      sendError(
        req,
        res,
        new EmulatorApiError(500, "INTERNAL_ERROR", "The emulator failed to handle the request."),
      );
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => void handle(req, res);
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert, requestTimeout: 0 }, listener)
    : http.createServer({ requestTimeout: 0 }, listener);
  // Answer `Expect: 100-continue` ourselves: an upload gets 100 only once the route accepts it, so a
  // refused upload costs the client no body bytes.
  server.on("checkContinue", (req, res) => {
    const isUpload =
      req.method === "PUT" &&
      (req.url?.startsWith(`${FILES_PREFIX}/`) || req.url?.startsWith(STORAGE_PREFIX));
    if (!isUpload) res.writeContinue();
    void handle(req, res);
  });
  server.on("connection", (socket) => {
    env.stats.openSockets += 1;
    socket.once("close", () => {
      env.stats.openSockets -= 1;
    });
  });
  return server;
}
