import path from "node:path";
import type { LocalWorkspace } from "./launch.js";

const ACCESS: Record<string, string> = {
  alice: "read + write on every volume",
  bob: "read-only",
  carol: "no grants",
};

/** What the proxy forwards as x-forwarded-access-token, from databricks.yml's user_api_scopes. */
export function userAuthorizationLine(scopes: readonly string[], ttlMs = 3_600_000): string {
  if (scopes.length === 0) {
    return "off (no user_api_scopes in databricks.yml): no user token is forwarded";
  }
  const files = scopes.includes("files.files") ? "" : "; without files.files the Files API refuses it (403)";
  const life =
    ttlMs % 3_600_000 === 0
      ? `${ttlMs / 3_600_000}-hour`
      : ttlMs % 60_000 === 0
        ? `${ttlMs / 60_000}-minute`
        : `${ttlMs / 1000}-second`;
  return `on: each user's ${life} token limited to ${scopes.join(", ")} (+ iam.current-user:read, iam.access-control:read)${files}`;
}

export function printBanner(workspace: LocalWorkspace, workspaceDir: string): void {
  const { info } = workspace;
  const instances = workspace.apps.length;
  const relative = path.relative(process.cwd(), workspaceDir);
  const rel = relative === "" ? "." : relative.startsWith("..") ? workspaceDir : relative;
  const openUrl = info.proxyUrl.replace("127.0.0.1", "localhost");
  const lines = [
    "",
    "  Volumes Browser is running on the local workspace (no Databricks account needed).",
    "",
    `  Open        ${openUrl}`,
    `  Sign in as  ${info.users.map((u) => `${u.name} (${ACCESS[u.name] ?? "custom"})`).join(", ")}`,
    `  Scripts     curl -u alice: ${openUrl}/api/files/volumes`,
    "",
    `  Volumes     ${Object.entries(info.volumes)
      .map(([k, p]) => `${k} → ${p}`)
      .join("\n              ")}`,
    `  Data        ${path.join(rel, "volumes")}`,
    `  Identities  ${path.join(rel, "principals.json")} (users, tokens, grants; edit freely)`,
    `  Endpoints   ${path.join(rel, "workspace.json")} (emulator ${info.emulatorUrl}, app ${info.appUrl})`,
    ...(instances > 1
      ? [`  Instances   ${instances}, round-robin: ${workspace.apps.map((a) => a.url).join(", ")}`]
      : []),
    `  User auth   ${userAuthorizationLine(workspace.userApiScopes, workspace.userTokenTtlMs)}`,
    "",
    "  Press Ctrl+C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}
