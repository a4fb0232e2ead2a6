// Builds the Fastify app; never listens (main.ts does). The order of registrations reads as the
// architecture: errors and cross-cutting HTTP concerns, then identity and the volume service,
// then the routes, then the SPA.
import type { Config } from "@databricks/sdk-experimental";
import Fastify, {
  type FastifyInstance,
  type FastifyServerOptions,
  LogController,
  type RouteOptions,
} from "fastify";
import type { Dispatcher } from "undici";
import type { AppConfig } from "./config/types.js";
import { createServicePrincipalConfig } from "./databricks/configs.js";
import { sdkCredentials, userCredentials } from "./databricks/credentials.js";
import { createCurrentServicePrincipal, fetchCurrentUser } from "./databricks/current-user.js";
import { setProcessPaceLimits } from "./databricks/pacer.js";
import type { UpstreamRequestInfo } from "./databricks/transport.js";
import type { StartupDiagnostics, StartupLogger } from "./diagnostics/startup.js";
import type { DiagnosticsPrincipal } from "./diagnostics/types.js";
import { createVolumesOverview } from "./diagnostics/volumes-overview.js";
import { AppError } from "./errors/app-error.js";
import { errorHandler } from "./errors/error-handler.js";
import { csrfGuard } from "./http/csrf.js";
import { batchedStdout } from "./http/log-destination.js";
import { requestSignals } from "./http/request-signal.js";
import { securityHeaders } from "./http/security-headers.js";
import { spa } from "./http/spa.js";
import { createIdentityResolver } from "./identity/execution.js";
import { identityCheck } from "./identity/identity-check.js";
import { createServicePrincipalIdentity } from "./identity/service-principal.js";
import { createTokenOwners, type TokenOwners } from "./identity/token-owners.js";
import type { PolicyUser } from "./policy/types.js";
import { filesRoutes } from "./routes/files/index.js";
import { healthRoutes } from "./routes/health.js";
import { meRoutes } from "./routes/me.js";
import { openApi } from "./routes/openapi.js";
import { createChunkedUploadDeps } from "./volumes/ops/chunked/create-deps.js";
import { createReadCache } from "./volumes/read-cache.js";
import { createVolumeService, type VolumeService } from "./volumes/service.js";

export interface AppOptions {
  /** The built SPA (dist/client); the app serves the API only when it is missing. */
  clientDir: string;
  /** Pino options, or false; default `{ level: LOG_LEVEL }`. The credential headers are always redacted. */
  logger?: Exclude<FastifyServerOptions["logger"], true>;
  /** Tests: see every upstream Files API request line (never headers or tokens). */
  onUpstreamRequest?: (info: UpstreamRequestInfo) => void;
  /** Defaults to the process-wide keep-alive agent. */
  dispatcher?: Dispatcher;
  /** Tests: sees every route as it is registered, to prove each one is guarded. */
  onRoute?: (route: RouteOptions) => void;
}

/** The app cannot start: no usable Databricks host or credentials. The message says what to fix. */
export class StartupError extends Error {
  override name = "StartupError";
}

/** Headers that carry credentials: never written to a log line. */
export const REDACTED_PATHS = [
  'req.headers["x-forwarded-access-token"]',
  "req.headers.authorization",
  "req.headers.cookie",
  'headers["x-forwarded-access-token"]',
  "headers.authorization",
  "headers.cookie",
];

/** Slow-header attacks: the whole request head must arrive within this. */
const HEADERS_TIMEOUT_MS = 30_000;
/**
 * How often Node checks HEADERS_TIMEOUT_MS. Its default is 30 s, so a trickled head could live
 * for up to twice the bound; checking every second keeps the bound what it says.
 */
const CONNECTIONS_CHECK_INTERVAL_MS = 1_000;
/** A connection that moves no bytes at all for this long is closed (uploads have their own rate guard). */
const IDLE_SOCKET_TIMEOUT_MS = 120_000;

export interface BuiltApp {
  app: FastifyInstance;
  /** The volume service, for custom routes registered next to ours. */
  service: VolumeService;
  /** Who each forwarded user token belongs to (cached by the token's hash). */
  tokenOwners: TokenOwners;
  /** Checks each volume as the service principal and logs one table an admin can act on. */
  runStartupDiagnostics(log: StartupLogger): Promise<StartupDiagnostics>;
}

interface Principal {
  spConfig: Config;
  servicePrincipal: () => PolicyUser & DiagnosticsPrincipal;
}

function withRedaction(logger: AppOptions["logger"]): FastifyServerOptions["logger"] {
  if (!logger) return false;
  return { ...logger, redact: { paths: REDACTED_PATHS, censor: "[redacted]" } };
}

/**
 * The one app factory: main.ts and every test harness build the app through it. The host and the
 * service principal's credentials must work (without them no volume can), so they are resolved
 * and checked here; a single volume's problem never stops the app (the diagnostics report it).
 */
export async function buildApp(config: AppConfig, options: AppOptions): Promise<BuiltApp> {
  let spConfig: Config;
  try {
    spConfig = await createServicePrincipalConfig({ env: config.databricks.sdkEnv });
  } catch (err) {
    throw new StartupError(
      `Cannot configure the Databricks client: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const servicePrincipal = createServicePrincipalIdentity({
    clientId: config.databricks.clientId,
    fetchMe: createCurrentServicePrincipal({
      credentials: sdkCredentials(spConfig),
      timeoutMs: config.upstream.timeoutMs,
    }),
  });
  try {
    await servicePrincipal.verify();
  } catch (err) {
    const detail = err instanceof AppError ? `${err.code}: ${err.message}` : String(err);
    throw new StartupError(
      `Cannot sign in to Databricks at ${spConfig.host} as the app's service principal (${detail}).`,
    );
  }
  return assemble(config, options, { spConfig, servicePrincipal: () => servicePrincipal.current() });
}

async function assemble(config: AppConfig, options: AppOptions, principal: Principal): Promise<BuiltApp> {
  const app = Fastify({
    logger: withRedaction(options.logger ?? { level: config.logLevel, stream: batchedStdout() }),
    // One line per request instead of Fastify's pair (http/request-log.ts, registered with the
    // error handler so a failure's code or stack lands on the same line).
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: "x-request-id",
    trustProxy: true,
    // Node's own requestTimeout would cut long legitimate uploads; the rate guard handles trickles.
    requestTimeout: 0,
    connectionTimeout: IDLE_SOCKET_TIMEOUT_MS,
    http: { connectionsCheckingInterval: CONNECTIONS_CHECK_INTERVAL_MS },
    // Paths travel in query strings, not params (Fastify caps params at 100 chars with a 414).
    routerOptions: { maxParamLength: 500 },
  });
  app.server.headersTimeout = HEADERS_TIMEOUT_MS;

  // One pace per identity for the whole process (pacer.ts), set from FILES_UPSTREAM_RATE_LIMIT.
  setProcessPaceLimits(config.upstream.rateLimit);
  const identity = createIdentityResolver({
    spConfig: principal.spConfig,
    servicePrincipal: principal.servicePrincipal,
    isDevelopment: config.isDevelopment,
    client: {
      timeoutMs: config.upstream.timeoutMs,
      retries: { max: config.upstream.readRetries },
      dispatcher: options.dispatcher,
      onRequest: options.onUpstreamRequest,
    },
  });
  // SCIM Me with the user's own token, on the same agent, timeout and retries as Files calls.
  const tokenOwners = createTokenOwners({
    lookup: (token) =>
      fetchCurrentUser({
        credentials: userCredentials(principal.spConfig, token),
        dispatcher: options.dispatcher,
        timeoutMs: config.upstream.timeoutMs,
        retries: { max: config.upstream.readRetries },
      }),
  });
  const cache =
    config.cache.ttlMs > 0
      ? createReadCache({
          ttlMs: config.cache.ttlMs,
          maxEntries: config.cache.maxEntries,
          maxBytes: config.cache.maxBytes,
        })
      : undefined;
  const chunked = createChunkedUploadDeps(config.uploads);
  if (chunked.sealer.keySource === "per-process") {
    app.log.warn(
      "Neither FILES_UPLOAD_SECRET nor DATABRICKS_CLIENT_SECRET is set: chunked uploads are sealed with a key of this process, so they cannot continue after a restart or on another instance.",
    );
  }
  const service = createVolumeService({
    volumes: config.volumes,
    identity,
    cache,
    uploads: config.uploads,
    chunked,
    upstreamTimeoutMs: config.upstream.timeoutMs,
    zipMaxEntries: config.zip.maxEntries,
    walkLimits: config.walks,
  });
  const overview = createVolumesOverview({
    service,
    admins: config.admins,
    servicePrincipal: principal.servicePrincipal,
    clientId: config.databricks.clientId,
  });

  if (options.onRoute) app.addHook("onRoute", options.onRoute);
  await app.register(errorHandler);
  await app.register(securityHeaders);
  await app.register(csrfGuard);
  await app.register(identityCheck, { owners: tokenOwners });
  await app.register(requestSignals);
  // Before the routes: it collects their schemas as they register.
  await app.register(openApi);
  await app.register(healthRoutes);
  await app.register(meRoutes, { servicePrincipalId: () => principal.servicePrincipal().id });
  await app.register(filesRoutes, {
    prefix: "/api/files",
    service,
    overview,
  });
  await app.register(spa, { clientDir: options.clientDir });
  return { app, service, tokenOwners, runStartupDiagnostics: (log) => overview.startup(log) };
}
