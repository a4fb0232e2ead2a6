// The exact fix for each problem the diagnostics can detect, worded for the workspace admin who
// deployed the app: what to grant, to whom, the SQL that does it, and the bundle alternative.
import type { DiagnosticsPrincipal } from "./types.js";

const SIMPLE_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A Unity Catalog name part, back-quoted when SQL needs it. */
function sqlName(part: string): string {
  return SIMPLE_IDENTIFIER.test(part) ? part : `\`${part.replace(/`/g, "``")}\``;
}

function sqlParts(fullName: string): { catalog: string; schema: string; volume: string } {
  const [catalog = "", schema = "", volume = ""] = fullName.split(".").map(sqlName);
  return { catalog, schema, volume: `${catalog}.${schema}.${volume}` };
}

/** The name grants use for a service principal: its application (client) id. */
export function grantee(sp: DiagnosticsPrincipal): string {
  return sp.userName ?? sp.id;
}

/** e.g. `"volumes-browser" (application id 1f2e…)`, or just the id when SCIM /Me was not reachable. */
export function describePrincipal(sp: DiagnosticsPrincipal): string {
  const id = grantee(sp);
  return sp.displayName ? `"${sp.displayName}" (application id ${id})` : id;
}

export type VolumePrivilegeName = "READ VOLUME" | "WRITE VOLUME";

/** Grant the service principal what an SP volume needs (reading always includes USE CATALOG/SCHEMA). */
export function grantFixes(
  fullName: string,
  privileges: readonly VolumePrivilegeName[],
  sp: DiagnosticsPrincipal,
): string[] {
  const to = `\`${grantee(sp).replace(/`/g, "``")}\``;
  const names = sqlParts(fullName);
  const [catalog = "", schema = ""] = fullName.split(".");
  const withUse = privileges.includes("READ VOLUME")
    ? `, with USE CATALOG on ${catalog} and USE SCHEMA on ${catalog}.${schema}`
    : "";
  const sql = [
    ...(privileges.includes("READ VOLUME")
      ? [
          `GRANT USE CATALOG ON CATALOG ${names.catalog} TO ${to};`,
          `GRANT USE SCHEMA ON SCHEMA ${names.catalog}.${names.schema} TO ${to};`,
        ]
      : []),
    ...privileges.map((p) => `GRANT ${p} ON VOLUME ${names.volume} TO ${to};`),
  ];
  const permission = privileges.includes("WRITE VOLUME") ? "WRITE_VOLUME" : "READ_VOLUME";
  return [
    `grant ${privileges.join(" and ")} on ${fullName} to the app's service principal ${describePrincipal(sp)}${withUse}`,
    `SQL: ${sql.join(" ")}`,
    `or give this volume's app resource in databricks.yml permission: ${permission} and run databricks bundle deploy`,
  ];
}

export function missingVolumeFixes(fullName: string, key: string): string[] {
  return [
    `create the volume (CREATE VOLUME ${sqlParts(fullName).volume}) or point DATABRICKS_VOLUME_${key.toUpperCase()} ` +
      "at an existing one: change securable_full_name of its app resource in databricks.yml " +
      '(--var="<name>_volume=catalog.schema.volume") and run databricks bundle deploy',
  ];
}

export const USER_SCOPE_FIX =
  "add files.files to user_api_scopes of the app in databricks.yml (resources.apps.<app>.user_api_scopes), " +
  "then run databricks bundle deploy and databricks bundle run <app>";

export const CREDENTIALS_FIX =
  "the service principal's credentials were rejected (401): on Databricks Apps DATABRICKS_CLIENT_ID/SECRET are " +
  "set by the platform, so redeploy the app; locally check DATABRICKS_TOKEN or DATABRICKS_CONFIG_PROFILE";

export function readOnlyAlternative(key: string): string {
  return `or, if the app should not write there, make the policy read-only: FILES_${key.toUpperCase()}_POLICY=public-read in app.yaml`;
}
