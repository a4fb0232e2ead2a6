// An app written the way AppKit's own docs write one (docs/plugins/files.md in the package): the
// server and files plugins, nothing of ours. It gets its configuration only from the environment
// Databricks Apps sets (DATABRICKS_HOST, DATABRICKS_CLIENT_ID/SECRET, DATABRICKS_APP_PORT, the
// DATABRICKS_VOLUME_* of app.yaml) — the local workspace builds that environment for it.
// The volume settings mirror our app.yaml: shared read-only as the service principal, uploads on
// behalf of the user, inbox writable by the service principal.
import { createApp, files, server } from "@databricks/appkit";

await createApp({
  plugins: [
    // The local workspace keeps the app on loopback, behind its Apps proxy, as Databricks does.
    server({ host: process.env.APP_LISTEN_HOST }),
    files({
      volumes: {
        shared: { policy: files.policy.publicRead() },
        uploads: { auth: "on-behalf-of-user", policy: files.policy.allowAll() },
        inbox: { policy: files.policy.allowAll() },
      },
    }),
  ],
  // AppKit reports usage to the workspace; the emulator has no such endpoint.
  disableInternalTelemetry: true,
});
