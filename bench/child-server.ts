// A helper server of the benchmarks in a process of its own (the local Apps proxy, the bare
// relay), as the real ones run apart from the Files API: forks a file with `--serve` and its
// arguments; the child sends its URL over IPC once it listens, and stops on SIGTERM or when the
// bench goes away (IPC disconnect).
import { fork } from "node:child_process";

export interface ChildServer {
  url: string;
  pid: number;
  close(): Promise<void>;
}

export function forkServer(file: string, args: string[], name: string): Promise<ChildServer> {
  const child = fork(file, ["--serve", ...args], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the ${name} process did not start within 30 s`));
    }, 30_000);
    child.once("exit", (code) => reject(new Error(`the ${name} process exited (${code})`)));
    child.once("message", (message: { url: string }) => {
      clearTimeout(timer);
      resolve({
        url: message.url,
        pid: child.pid ?? 0,
        close: async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill("SIGTERM");
          await exited;
        },
      });
    });
  });
}
