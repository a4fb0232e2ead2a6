// Runs the app: parses the environment (parseConfig, the one place that reads it), builds the
// app (buildApp), listens on $DATABRICKS_APP_PORT, on all interfaces as Databricks Apps requires
// (APP_LISTEN_HOST narrows it), and shuts down gracefully within the platform's 15 s after SIGTERM.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp, StartupError } from "./app.js";
import { ConfigError } from "./config/errors.js";
import { parseConfig } from "./config/parse-config.js";
import { shuttingDown as restarting } from "./errors/catalogue.js";
import { serveH2c } from "./http/h2c.js";
import { trustNotice } from "./identity/identity-check.js";

const here = path.dirname(fileURLToPath(import.meta.url));
// From dist/server/main.js the SPA is in dist/client; from server/main.ts (npm run dev) too.
const clientDir = import.meta.url.endsWith(".ts")
  ? path.resolve(here, "../dist/client")
  : path.resolve(here, "../client");

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let built: Awaited<ReturnType<typeof buildApp>>;
let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
  built = await buildApp(config, { clientDir });
} catch (err) {
  if (err instanceof ConfigError || err instanceof StartupError) fail(err.message);
  throw err;
}
const { app } = built;
// Databricks Apps requires HTTP/2 cleartext (its proxy may use it); HTTP/1.1 stays on the same port.
const h2c = serveH2c(app.server);
for (const warning of config.warnings) app.log.warn(warning);
app.log.info(trustNotice(config.volumes));

// Databricks Apps kills the process 15 s after SIGTERM. In-flight requests get most of that to
// finish; whatever is still running then is aborted (an aborted upload writes nothing).
const FINISH_GRACE_MS = 10_000;
const ABORT_GRACE_MS = 3_000;
/** After the abort: time for the aborted requests to send their 503 before connections are cut. */
const ANSWER_GRACE_MS = 1_000;
let shuttingDown = false;
async function shutdown(signal: string): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  app.log.info({ signal }, "shutting down: no new requests, finishing in-flight ones");
  const abortTimer = setTimeout(() => {
    const aborted = app.abortInFlight(restarting());
    app.log.warn({ aborted }, "in-flight requests did not finish in time; aborting them");
    // Connections that still hold a response (e.g. a slow download) are closed outright, once the
    // aborted requests have had a moment to answer (closing in the same tick would cut their 503).
    setTimeout(() => {
      app.server.closeAllConnections();
      h2c.destroySessions();
    }, ANSWER_GRACE_MS).unref();
  }, FINISH_GRACE_MS);
  abortTimer.unref();
  const force = setTimeout(() => {
    app.log.error("shutdown did not complete; exiting");
    process.exit(1);
  }, FINISH_GRACE_MS + ABORT_GRACE_MS);
  force.unref();
  // close() drops the connections idle at that moment; keep-alive connections whose last
  // response finishes later would hold it open until the abort deadline, so keep sweeping.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 100);
  sweep.unref();
  // HTTP/2: GOAWAY now; each connection closes once its open streams finish.
  h2c.closeSessions();
  await app.close();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

await app.listen({ host: config.listenHost, port: config.port });

// Each volume checked as the service principal, in one table an admin can act on. Not awaited:
// a slow or broken volume must never delay readiness or stop the others. Printed as plain text
// because a JSON log line would fold the table into one line.
void built.runStartupDiagnostics({ info: (text) => console.log(text), warn: (text) => console.warn(text) });
