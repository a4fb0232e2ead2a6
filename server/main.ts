// Runs the app: the one place that reads process.env. Listens on $DATABRICKS_APP_PORT, on all
// interfaces as Databricks Apps requires (APP_LISTEN_HOST narrows it, e.g. to loopback behind
// the local proxy), and shuts down gracefully within the platform's 15 s after SIGTERM.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp, REDACTED_PATHS } from "./app.js";
import { ConfigError } from "./config/errors.js";
import { parseConfig } from "./config/parse-config.js";

const here = path.dirname(fileURLToPath(import.meta.url));
// From dist/server/main.js the SPA is in dist/client; from server/main.ts (npm run dev) too.
const clientDir = import.meta.url.endsWith(".ts")
  ? path.resolve(here, "../dist/client")
  : path.resolve(here, "../client");

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(2);
  }
  throw err;
}

const app = await buildApp({
  config,
  clientDir,
  servicePrincipalId: () => process.env.DATABRICKS_CLIENT_ID ?? "service-principal",
  logger: {
    level: process.env.LOG_LEVEL ?? "info",
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
  },
});
for (const warning of config.warnings) app.log.warn(warning);

const SHUTDOWN_GRACE_MS = 12_000;
let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  app.log.info({ signal }, "shutting down: no new requests, finishing in-flight ones");
  const force = setTimeout(() => {
    app.log.warn("in-flight requests did not finish in time; exiting");
    process.exit(1);
  }, SHUTDOWN_GRACE_MS);
  force.unref();
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ host: process.env.APP_LISTEN_HOST ?? "0.0.0.0", port: config.port });
