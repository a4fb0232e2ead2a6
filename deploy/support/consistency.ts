// The rules that tie app.yaml to databricks.yml, as one function that lists every broken rule, so
// a test can both pass on the real files and show that each rule catches what it should.

import { parseBundleVolumes, resolveAppEnv } from "../../local-workspace/app-manifest.js";
import { parseConfig } from "../../server/config/parse-config.js";
import { FILES_SCOPE, policyAllowsWrites } from "../../server/diagnostics/index.js";
import type { AppYaml, Bundle } from "./project.js";

/** Every way app.yaml and databricks.yml disagree, as sentences an admin can act on. */
export async function deploymentProblems(appYaml: AppYaml, bundle: Bundle): Promise<string[]> {
  const problems: string[] = [];
  const { volumes: resources, userApiScopes } = parseBundleVolumes(bundle);
  const resourceNames = new Set(resources.map((r) => r.resourceName));

  const referenced = new Set<string>();
  for (const entry of appYaml.env ?? []) {
    if (typeof entry.valueFrom !== "string") continue;
    referenced.add(entry.valueFrom);
    if (!resourceNames.has(entry.valueFrom)) {
      problems.push(
        `app.yaml: ${String(entry.name)} has valueFrom "${entry.valueFrom}", which names no app resource`,
      );
    }
  }
  for (const name of resourceNames) {
    if (!referenced.has(name))
      problems.push(`databricks.yml: resource "${name}" is granted to the app but unused`);
  }
  if (problems.length > 0) return problems;

  const env = resolveAppEnv(appYaml, resources);
  let volumes: ReturnType<typeof parseConfig>["volumes"];
  try {
    const config = parseConfig(env);
    volumes = config.volumes;
    for (const warning of config.warnings) problems.push(`app.yaml: ${warning}`);
  } catch (err) {
    return [
      `app.yaml: the app's config validation fails: ${err instanceof Error ? err.message : String(err)}`,
    ];
  }

  const onBehalfOfUser = volumes.filter((v) => v.auth === "on-behalf-of-user").map((v) => v.key);
  const hasScope = userApiScopes.includes(FILES_SCOPE);
  if (onBehalfOfUser.length > 0 && !hasScope) {
    problems.push(
      `databricks.yml: ${onBehalfOfUser.join(", ")} run on behalf of the user, but user_api_scopes lacks ${FILES_SCOPE}`,
    );
  }
  if (onBehalfOfUser.length === 0 && hasScope) {
    problems.push(
      `databricks.yml: user_api_scopes asks for ${FILES_SCOPE}, but no volume runs on behalf of the user`,
    );
  }

  for (const volume of volumes) {
    const resource = resources.find((r) => r.fullName === volume.fullName);
    if (!resource) continue;
    const writes = await policyAllowsWrites(volume);
    // The SP's grant is used only on service-principal volumes; elsewhere the least one will do.
    const needed = volume.auth === "service-principal" && writes ? "WRITE_VOLUME" : "READ_VOLUME";
    if (resource.permission !== needed) {
      const why =
        volume.auth === "on-behalf-of-user"
          ? "it runs on behalf of the user, so the service principal's grant is never used"
          : writes
            ? `its policy (${volume.policyExpression}) allows writes`
            : `its policy (${volume.policyExpression}) allows no writes`;
      problems.push(
        `databricks.yml: resource "${resource.resourceName}" should have permission ${needed}: ${why}`,
      );
    }
  }
  return problems;
}
