// /.proxy/test/*: knobs for e2e specs that run the local workspace in another process. Exist only
// when the local workspace runs with test hooks (LOCAL_EMULATOR_TEST_HOOKS=1); otherwise these
// paths are as unknown as any other under /.proxy/. They never reach the app.
//   GET/PUT /.proxy/test/limits   {"timeoutS": 3, "throttleKiBps": 2048} (0: no throttle)
//   POST    /.proxy/test/restart-apps   stops every app instance and starts it again, same env
import type { IncomingMessage, ServerResponse } from "node:http";
import { sendJson } from "./responses.js";

export const TEST_HOOKS_PREFIX = "/.proxy/test/";
const MAX_BODY_BYTES = 4 * 1024;

/** What the proxy lets a test change while it runs; read per request (the throttle: per slice). */
export interface ProxyLimits {
  /** Per-request limit from arrival to the last response byte. */
  timeoutMs: number;
  /** Request body throughput in bytes per second; 0: no limit. */
  throttleBytesPerSecond: number;
}

export interface ProxyTestHooks {
  /** Restarts the app instance(s) on their ports with the same env; resolves once they answer. */
  restartApps: () => Promise<void>;
}

function limitsJson(limits: ProxyLimits) {
  return { timeoutS: limits.timeoutMs / 1000, throttleKiBps: limits.throttleBytesPerSecond / 1024 };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

const positive = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v > 0;
const nonNegative = (v: unknown) => typeof v === "number" && Number.isFinite(v) && v >= 0;

/** Answers a /.proxy/test/ request. */
export async function handleTestHooks(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  limits: ProxyLimits,
  hooks: ProxyTestHooks,
): Promise<void> {
  const route = `${req.method} ${pathname}`;
  if (route === "GET /.proxy/test/limits") {
    sendJson(res, 200, limitsJson(limits));
    return;
  }
  if (route === "PUT /.proxy/test/limits") {
    const input = (await readJson(req)) as { timeoutS?: unknown; throttleKiBps?: unknown } | undefined;
    const timeoutOk = input?.timeoutS === undefined || positive(input.timeoutS);
    const throttleOk = input?.throttleKiBps === undefined || nonNegative(input.throttleKiBps);
    if (typeof input !== "object" || input === null || !timeoutOk || !throttleOk) {
      sendJson(
        res,
        400,
        {
          error: "BAD_REQUEST",
          message: 'Send {"timeoutS": <positive number>} and/or {"throttleKiBps": <number ≥ 0, 0: off>}.',
        },
        { close: true },
      );
      return;
    }
    if (input.timeoutS !== undefined) limits.timeoutMs = (input.timeoutS as number) * 1000;
    if (input.throttleKiBps !== undefined)
      limits.throttleBytesPerSecond = (input.throttleKiBps as number) * 1024;
    sendJson(res, 200, limitsJson(limits));
    return;
  }
  if (route === "POST /.proxy/test/restart-apps") {
    await hooks.restartApps();
    sendJson(res, 200, { restarted: true });
    return;
  }
  sendJson(res, 404, { error: "NOT_FOUND", message: `No test hook ${route}` }, { close: true });
}
