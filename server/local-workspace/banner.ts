import path from "node:path";
import type { LocalWorkspace } from "./launch.js";

const ACCESS: Record<string, string> = {
  alice: "read + write on every volume",
  bob: "read-only",
  carol: "no grants",
};

export function printBanner(workspace: LocalWorkspace, workspaceDir: string): void {
  const { info } = workspace;
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
    "",
    "  Press Ctrl+C to stop.",
    "",
  ];
  console.log(lines.join("\n"));
}
