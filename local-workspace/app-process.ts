// Runs the app as its own process, exactly as Databricks Apps would: a command, an env, a port.
// Keeping it out of the launcher's process means the app sees only the environment it would
// see in production, and its memory can be measured on its own (npm run bench).
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { pipeFormatted } from "./log-format.js";

export interface AppProcess {
  url: string;
  pid: number;
  child: ChildProcess;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

export interface AppProcessOptions {
  command: string[];
  env: Record<string, string | undefined>;
  port: number;
  cwd: string;
  /**
   * Where the app's stdout/stderr go: the launcher's (default), a pipe the caller reads, or the
   * launcher's with the JSON log lines made readable (log-format.ts).
   */
  output?: "inherit" | "pipe" | "readable";
  readyTimeoutMs?: number;
}

async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the app exited during startup (code ${child.exitCode ?? child.signalCode})`);
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the app did not answer ${url}/health within ${timeoutMs} ms`);
}

export async function startAppProcess(options: AppProcessOptions): Promise<AppProcess> {
  const [cmd, ...args] = options.command;
  if (!cmd) throw new Error("empty app command");
  const output = options.output ?? "inherit";
  const stdio = output === "readable" ? "pipe" : output;
  const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", stdio, stdio] });
  if (output === "readable" && child.stdout && child.stderr) {
    pipeFormatted(child.stdout, process.stdout);
    pipeFormatted(child.stderr, process.stderr);
  }
  const url = `http://127.0.0.1:${options.port}`;
  const exited = once(child, "exit");
  try {
    await waitForHealth(url, child, options.readyTimeoutMs ?? 60_000);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    url,
    pid: child.pid ?? 0,
    child,
    async stop(graceMs = 15_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
