// The app's pino JSON lines, as a person at a terminal reads them while `npm start` runs:
// "12:03:04  GET /api/files/shared/list?path= 200 3.1ms alice@example.com". Warnings and errors
// are tagged, an error's stack follows on its own lines, and anything that is not a pino line
// (the startup diagnostics table) passes through unchanged. In Databricks the app writes JSON.
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";

const LEVELS: Record<number, string> = { 10: "TRACE", 20: "DEBUG", 40: "WARN ", 50: "ERROR", 60: "FATAL" };

/** Fields worth showing after the message of a non-request line (an audit entry, a warning). */
const SKIP = new Set(["level", "time", "pid", "hostname", "msg", "reqId", "err", "audit"]);

function clock(time: unknown): string {
  const date = typeof time === "number" ? new Date(time) : new Date();
  return date.toTimeString().slice(0, 8);
}

function details(line: Record<string, unknown>): string {
  // A request line's message already says everything its fields do.
  if (typeof line.status === "number" && typeof line.method === "string" && line.audit !== true) {
    return typeof line.reason === "string" ? `  ${String(line.code)}: ${line.reason}` : "";
  }
  const parts = Object.entries(line)
    .filter(([key, value]) => !SKIP.has(key) && value !== undefined)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
  return parts.length > 0 ? `  ${parts.join(" ")}` : "";
}

export function formatLogLine(text: string): string {
  if (!text.startsWith("{")) return text;
  let line: Record<string, unknown>;
  try {
    line = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return text;
  }
  if (typeof line.level !== "number" || typeof line.msg !== "string") return text;
  const level = LEVELS[line.level];
  const head = `${clock(line.time)}  ${level ? `${level} ` : ""}${line.msg}${details(line)}`;
  const err = line.err as { stack?: unknown } | undefined;
  return typeof err?.stack === "string" ? `${head}\n${err.stack}` : head;
}

/** Copies `from` to `to` line by line, formatted. */
export function pipeFormatted(from: Readable, to: Writable): void {
  createInterface({ input: from, crlfDelay: Number.POSITIVE_INFINITY }).on("line", (text) => {
    to.write(`${formatLogLine(text)}\n`);
  });
}
