// The project's databricks.yml with other user_api_scopes, written to a temp dir: how tests run
// the local workspace as an admin would have configured user authorization differently
// (LOCAL_BUNDLE_FILE / the bundleFile option). The project's own file is never touched.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, stringify } from "yaml";

/** `scopes: undefined` removes user_api_scopes: user authorization is off. */
export async function bundleWithScopes(projectDir: string, scopes: string[] | undefined): Promise<string> {
  const bundle = parse(await readFile(path.join(projectDir, "databricks.yml"), "utf8")) as {
    resources: { apps: Record<string, Record<string, unknown>> };
  };
  for (const app of Object.values(bundle.resources.apps)) {
    if (scopes === undefined) delete app.user_api_scopes;
    else app.user_api_scopes = scopes;
  }
  const dir = await mkdtemp(path.join(tmpdir(), "bundle-scopes-"));
  const file = path.join(dir, "databricks.yml");
  await writeFile(file, stringify(bundle));
  return file;
}
