// Test hooks: rules that make the next N matching requests slow, fail, hang, break mid-stream or
// return an empty list page. Off unless the emulator was started with `testHooks: true`.
import { EmulatorApiError } from "./errors.js";

export interface FaultRule {
  /** HTTP method to match, case-insensitive; any when absent. */
  method?: string;
  /** A `/Volumes/…` prefix (matched against the decoded volume path) or an API path prefix. */
  pathPrefix?: string;
  /** How many matching requests the rule applies to; default 1. */
  count?: number;
  /**
   * Let this many matching requests through untouched first (default 0): "the third part PUT",
   * so a test can break an upload in its middle without racing it.
   */
  skip?: number;
  /** Answer with this status and a Databricks-shaped error body. */
  status?: number;
  /** error_code / message for `status`; defaults follow the status. */
  errorCode?: string;
  message?: string;
  /** Wait this long before handling (or failing) the request. */
  delayMs?: number;
  /** GET: destroy the socket after sending K body bytes. PUT: destroy after receiving K body bytes. */
  resetAfterBytes?: number;
  /** Directory list: answer `contents: []` with a token that continues at the same cursor. */
  emptyPage?: boolean;
  /** Never answer. */
  hang?: boolean;
}

export interface ActiveFault extends FaultRule {
  id: number;
  remaining: number;
  /** Matching requests still to let through before the rule applies. */
  toSkip: number;
}

const DEFAULT_ERROR_CODES: Record<number, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "RESOURCE_CONFLICT",
  429: "REQUEST_LIMIT_EXCEEDED",
  500: "INTERNAL_ERROR",
  502: "BAD_GATEWAY",
  503: "TEMPORARILY_UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function faultError(rule: FaultRule & { status: number }): EmulatorApiError {
  const code = rule.errorCode ?? DEFAULT_ERROR_CODES[rule.status] ?? "UNKNOWN";
  const message = rule.message ?? `Injected fault: ${rule.status} ${code}`;
  const headers: Record<string, string> = rule.status === 429 ? { "retry-after": "1" } : {};
  return new EmulatorApiError(rule.status, code, message, undefined, headers);
}

const NUMBER_FIELDS = ["count", "skip", "status", "delayMs", "resetAfterBytes"] as const;
const STRING_FIELDS = ["method", "pathPrefix", "errorCode", "message"] as const;
const BOOLEAN_FIELDS = ["emptyPage", "hang"] as const;

/** Validates a rule that arrived as JSON; throws a message fit for a 400. */
export function parseFaultRule(input: unknown): FaultRule {
  if (typeof input !== "object" || input === null || Array.isArray(input))
    throw new Error("rule must be an object");
  const known = new Set<string>([...NUMBER_FIELDS, ...STRING_FIELDS, ...BOOLEAN_FIELDS]);
  const rule: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!known.has(key)) throw new Error(`unknown field '${key}'`);
    const isNumber = (NUMBER_FIELDS as readonly string[]).includes(key);
    const isString = (STRING_FIELDS as readonly string[]).includes(key);
    const expected = isNumber ? "number" : isString ? "string" : "boolean";
    if (typeof value !== expected) throw new Error(`'${key}' must be a ${expected}`);
    if (isNumber && !(Number.isInteger(value) && (value as number) >= 0)) {
      throw new Error(`'${key}' must be a non-negative integer`);
    }
    rule[key] = value;
  }
  const parsed = rule as FaultRule;
  if (parsed.status !== undefined && (parsed.status < 400 || parsed.status > 599)) {
    throw new Error("'status' must be 400–599");
  }
  if (parsed.count === 0) throw new Error("'count' must be at least 1");
  return parsed;
}

export class FaultInjector {
  private rules: ActiveFault[] = [];
  private nextId = 1;

  constructor(readonly enabled: boolean) {}

  /** Adds a rule; rules are tried in the order they were added. */
  add(rule: FaultRule): ActiveFault {
    if (!this.enabled) throw new Error("Emulator test hooks are disabled (start it with testHooks: true)");
    const active: ActiveFault = {
      ...rule,
      id: this.nextId++,
      remaining: rule.count ?? 1,
      toSkip: rule.skip ?? 0,
    };
    this.rules.push(active);
    return active;
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((r) => ({ ...r }));
  }

  /** Finds the first rule matching the request and uses up one of its applications. */
  take(method: string, apiPath: string, volumePath: string | undefined): ActiveFault | undefined {
    if (!this.enabled) return undefined;
    const index = this.rules.findIndex((r) => matches(r, method, apiPath, volumePath));
    const rule = this.rules[index];
    if (!rule) return undefined;
    if (rule.toSkip > 0) {
      // A skipped request is not offered to later rules: the first matching rule decides.
      rule.toSkip -= 1;
      return undefined;
    }
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules.splice(index, 1);
    return { ...rule };
  }
}

function matches(rule: FaultRule, method: string, apiPath: string, volumePath: string | undefined): boolean {
  if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) return false;
  const prefix = rule.pathPrefix;
  if (!prefix) return true;
  if (prefix.startsWith("/Volumes/")) return volumePath?.startsWith(prefix) ?? false;
  return apiPath.startsWith(prefix);
}
