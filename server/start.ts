// `npm start`. With a Databricks workspace configured (DATABRICKS_HOST, or a CLI profile) it runs
// only the app, as Databricks Apps and `databricks apps run-local` expect. Without one it runs
// the whole product on the local workspace: emulator, app and Apps proxy.
const hasWorkspace = Boolean(process.env.DATABRICKS_HOST || process.env.DATABRICKS_CONFIG_PROFILE);

if (hasWorkspace) {
  await import("./main.js");
} else {
  const { runLocalWorkspace } = await import("./local-workspace/cli.js");
  await runLocalWorkspace();
}
