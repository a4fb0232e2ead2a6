// /__emulator/*: the fault rules and stats over HTTP, for tests that run the emulator in another
// process (e2e, benchmarks). Exist only with `testHooks: true`; otherwise they are unknown endpoints.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { ServerEnv } from "./context.js";
import { EmulatorApiError, endpointNotFound, sendJson } from "./errors.js";
import { parseFaultRule } from "./faults.js";
import { UPLOAD_MODES, type UploadMode } from "./upload-sessions.js";

export const HOOKS_PREFIX = "/__emulator/";
const MAX_RULE_BYTES = 16 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_RULE_BYTES) throw new EmulatorApiError(400, "INVALID_PARAMETER_VALUE", "Rule too large");
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new EmulatorApiError(400, "MALFORMED_REQUEST", "The body is not valid JSON");
  }
}

function isRateLimit(value: unknown): value is { concurrent: number; perSecond: number } {
  if (typeof value !== "object" || value === null) return false;
  const { concurrent, perSecond } = value as Record<string, unknown>;
  return [concurrent, perSecond].every((n) => Number.isInteger(n) && (n as number) >= 1);
}

function uploadSettings(env: ServerEnv) {
  return { mode: env.uploads.mode(), sessionTtlMs: env.uploads.ttlMs(), counts: env.uploads.counters() };
}

export async function handleHooks(
  env: ServerEnv,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  pathname: string,
  query: URLSearchParams,
): Promise<void> {
  if (!env.faults.enabled) throw endpointNotFound(method, pathname);
  const route = `${method} ${pathname}`;
  switch (route) {
    case "GET /__emulator/faults":
      return sendJson(res, 200, { rules: env.faults.list() });
    case "POST /__emulator/faults": {
      const input = await readJson(req);
      let rule: ReturnType<typeof parseFaultRule>;
      try {
        rule = parseFaultRule(input);
      } catch (err) {
        throw new EmulatorApiError(
          400,
          "INVALID_PARAMETER_VALUE",
          err instanceof Error ? err.message : String(err),
        );
      }
      return sendJson(res, 200, env.faults.add(rule));
    }
    case "DELETE /__emulator/faults":
      env.faults.clear();
      return sendJson(res, 200, {});
    case "GET /__emulator/stats": {
      const prefix = query.get("pathPrefix") ?? undefined;
      const methodFilter = query.get("method") ?? undefined;
      return sendJson(res, 200, {
        ...env.stats.snapshot(),
        bytesServed: env.stats.bytesServed(prefix),
        bytesReceived: env.stats.bytesReceived(prefix),
        requestCount: env.stats.requestCount({ method: methodFilter, pathPrefix: prefix }),
        uploads: env.uploads.counters(),
      });
    }
    case "DELETE /__emulator/stats":
      env.stats.reset();
      env.uploads.resetCounters();
      return sendJson(res, 200, {});
    case "GET /__emulator/rate-limit":
      return sendJson(res, 200, { rateLimit: env.rateLimiter.current() });
    case "PUT /__emulator/rate-limit": {
      // {"rateLimit": false} or {"rateLimit": {"concurrent": 10, "perSecond": 100}}
      const input = (await readJson(req)) as { rateLimit?: unknown } | null;
      const limit = input?.rateLimit;
      if (limit === false) env.rateLimiter.set(false);
      else if (isRateLimit(limit))
        env.rateLimiter.set({ concurrent: limit.concurrent, perSecond: limit.perSecond });
      else {
        throw new EmulatorApiError(
          400,
          "INVALID_PARAMETER_VALUE",
          'Send {"rateLimit": false} or {"rateLimit": {"concurrent": N, "perSecond": M}} with positive integers.',
        );
      }
      return sendJson(res, 200, { rateLimit: env.rateLimiter.current() });
    }
    case "GET /__emulator/uploads":
      return sendJson(res, 200, uploadSettings(env));
    case "PUT /__emulator/uploads": {
      // {"mode": "multipart"|"resumable"|"none"|null (the cloud's)} and/or {"sessionTtlMs": N}
      const input = (await readJson(req)) as { mode?: unknown; sessionTtlMs?: unknown } | null;
      const mode = input?.mode;
      const ttl = input?.sessionTtlMs;
      const modeOk = mode === undefined || mode === null || UPLOAD_MODES.includes(mode as UploadMode);
      const ttlOk = ttl === undefined || (Number.isInteger(ttl) && (ttl as number) >= 1);
      if (!input || !modeOk || !ttlOk) {
        throw new EmulatorApiError(
          400,
          "INVALID_PARAMETER_VALUE",
          `Send {"mode": ${UPLOAD_MODES.map((m) => `"${m}"`).join("|")}|null} and/or {"sessionTtlMs": <positive integer>}.`,
        );
      }
      if (mode !== undefined) env.uploads.setMode((mode ?? undefined) as UploadMode | undefined);
      if (ttl !== undefined) env.uploads.setTtlMs(ttl as number);
      return sendJson(res, 200, uploadSettings(env));
    }
    default:
      throw endpointNotFound(method, pathname);
  }
}
