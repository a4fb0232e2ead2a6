// The local Apps proxy in a process of its own, for the benchmarks. The real proxy runs apart
// from the Files API; sharing the emulator's event loop would make every proxied byte wait for
// emulator work and charge the proxy route for a contention production never has.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadAppManifest } from "../local-workspace/app-manifest.js";
import { readPrincipals } from "../local-workspace/principals.js";
import { startProxy } from "../local-workspace/proxy/index.js";
import { tokenExchange } from "../local-workspace/proxy/user-tokens.js";
import { type ChildServer, forkServer } from "./child-server.js";

/** Forks this file as a proxy in front of `appUrl`, using the workspace's principals.json. */
export function startProxyProcess(appUrl: string, workspaceDir: string): Promise<ChildServer> {
  return forkServer(fileURLToPath(import.meta.url), [appUrl, workspaceDir], "proxy");
}

if (process.argv[2] === "--serve") {
  const [appUrl, workspaceDir] = process.argv.slice(3) as [string, string];
  const principals = await readPrincipals(workspaceDir);
  if (!principals) throw new Error(`no principals.json in ${workspaceDir}`);
  // BENCH_PROXY_LOG=1: the lines with a note (a reset, a timeout, a client that left); =all: every line.
  const mode = process.env.BENCH_PROXY_LOG;
  const log = (line: string) => {
    if (mode === "all" || (mode && line.includes("("))) console.log(`[proxy] ${line}`);
  };
  // The user token as the bundle's user_api_scopes decide, from the emulator by token exchange.
  const { emulatorUrl } = JSON.parse(await readFile(path.join(workspaceDir, "workspace.json"), "utf8")) as {
    emulatorUrl: string;
  };
  const { userApiScopes } = await loadAppManifest(
    path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."),
  );
  const proxy = await startProxy({
    appUrl,
    principals: () => principals,
    timeoutMs: 3_600_000,
    log,
    userAuthorization: { scopes: userApiScopes, issue: tokenExchange(emulatorUrl) },
  });
  process.send?.({ url: proxy.url });
  const stop = () => void proxy.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("disconnect", stop);
}
