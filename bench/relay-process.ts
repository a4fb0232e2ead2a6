// Runs bare-relay.ts in its own process, as the app runs in its own, for the list benchmark.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface RelayProcess {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export async function startRelayProcess(origin: string, token: string): Promise<RelayProcess> {
  const script = fileURLToPath(new URL("./bare-relay.ts", import.meta.url));
  // Type stripping by tsx at load only: the relay's requests run plain JavaScript.
  const child = spawn(process.execPath, ["--import", "tsx", script, origin, token], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  const port = Number(line.toString().trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`the relay did not start: ${line}`);
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid ?? 0,
    async close() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}
