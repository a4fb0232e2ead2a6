// Starts the app the way Databricks Apps does: app.yaml's command in the app's folder, with
// only the environment the platform sets. Records its output, how long it took to answer
// /health, and stops it with SIGTERM (then 15 s, as the platform allows, before SIGKILL).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFile } from "node:fs/promises";

export interface RunningDeployedApp {
  url: string;
  child: ChildProcess;
  /** From spawn to the first 200 from /health. */
  startupMs: number;
  output(): string;
  /** SIGTERM to the process group; resolves with how long the app took to exit. */
  stop(): Promise<number>;
}

export async function startDeployedApp(options: {
  command: string[];
  cwd: string;
  env: Record<string, string>;
  port: number;
  readyTimeoutMs: number;
}): Promise<RunningDeployedApp> {
  const [cmd = "", ...args] = options.command;
  const started = Date.now();
  // Its own process group, so a signal reaches npm, the shell and node alike, as in a container.
  const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, detached: true, stdio: "pipe" });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = once(child, "exit");
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = started + options.readyTimeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited during startup (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) break;
    if (Date.now() > deadline) {
      signalGroup("SIGKILL");
      throw new Error(`the app did not answer /health within ${options.readyTimeoutMs} ms:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    child,
    startupMs: Date.now() - started,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return 0;
      const stopping = Date.now();
      signalGroup("SIGTERM");
      const timer = setTimeout(() => signalGroup("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
      return Date.now() - stopping;
    },
  };
}

/** Whether something listens on 0.0.0.0:<port> (Linux: read from /proc/net/tcp). */
export async function listensOnAllInterfaces(port: number): Promise<boolean> {
  const table = await readFile("/proc/net/tcp", "utf8");
  const wanted = `00000000:${port.toString(16).toUpperCase().padStart(4, "0")}`;
  return table.split("\n").some((line) => {
    const [, local, , state] = line.trim().split(/\s+/);
    return local === wanted && state === "0A";
  });
}
