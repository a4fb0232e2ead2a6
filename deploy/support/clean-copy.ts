// A clean copy of the project, as Databricks Apps receives it: the files git knows about (tracked,
// plus new ones not ignored, so work in progress is tested too), nothing built or installed.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);

export async function copyProjectFiles(projectDir: string, destination: string): Promise<number> {
  const { stdout } = await exec("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: projectDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  let copied = 0;
  for (const file of stdout.split("\0")) {
    // Deleted but still tracked files are listed too; they are not part of the project any more.
    if (file === "" || !existsSync(path.join(projectDir, file))) continue;
    await mkdir(path.dirname(path.join(destination, file)), { recursive: true });
    await copyFile(path.join(projectDir, file), path.join(destination, file));
    copied += 1;
  }
  return copied;
}

export interface CommandResult {
  output: string;
  ms: number;
}

/** Runs a command to completion; a failure carries the end of its output. */
export async function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CommandResult> {
  const started = Date.now();
  try {
    const { stdout, stderr } = await exec(command, args, {
      cwd: options.cwd,
      env: options.env,
      timeout: options.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { output: `${stdout}${stderr}`, ms: Date.now() - started };
  } catch (err) {
    const failure = err as { stdout?: string; stderr?: string; message?: string };
    const output = `${failure.stdout ?? ""}${failure.stderr ?? ""}`.slice(-6000);
    throw new Error(`${command} ${args.join(" ")} failed: ${failure.message ?? ""}\n${output}`);
  }
}
