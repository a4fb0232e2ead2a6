// Parsers for individual setting values. Each returns a reason instead of throwing so that
// parseConfig can collect every problem before reporting.
import { AUTH_MODES, type AuthMode, isAuthMode } from "../../shared/auth-mode.js";
import { formatSize, GiB, parseSizeDetailed } from "../../shared/sizes.js";
import { compilePolicyExpression } from "../policy/compile.js";
import { PolicyExpressionError } from "../policy/expression-error.js";
import type { PolicyRegistry } from "../policy/registry.js";
import type { FilePolicy } from "../policy/types.js";
import { parseContentTypes } from "./content-types.js";
import { didYouMean } from "./did-you-mean.js";
import { formatDuration, parseDuration } from "./durations.js";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface ParseContext {
  registry: PolicyRegistry;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): ParseResult<T> => ({ ok: false, reason });

export function authMode(raw: string): ParseResult<AuthMode> {
  const value = raw.trim().toLowerCase();
  if (isAuthMode(value)) return ok(value);
  return fail(`expected ${AUTH_MODES.join(" or ")}.${didYouMean(value.replace(/_/g, "-"), AUTH_MODES)}`);
}

export function policy(
  raw: string,
  context: ParseContext,
): ParseResult<{ policy: FilePolicy; expression: string }> {
  try {
    return ok(compilePolicyExpression(raw, context.registry));
  } catch (error) {
    if (error instanceof PolicyExpressionError) return fail(error.message);
    throw error;
  }
}

export function size(min: number, max: number, tooLarge?: string) {
  return (raw: string): ParseResult<number> => {
    const parsed = parseSizeDetailed(raw);
    const expected = "Expected a size such as 500MB, 2GiB or a byte count.";
    if (!parsed.ok) return fail(`${parsed.reason}. ${expected}`);
    if (parsed.bytes < min) return fail(`must be at least ${formatSize(min)}.`);
    if (parsed.bytes > max) return fail(tooLarge ?? `must be at most ${formatSize(max)}.`);
    return ok(parsed.bytes);
  };
}

/** The Files API accepts at most 5 GiB in one PUT. */
export const FILES_API_MAX_UPLOAD = 5 * GiB;

/**
 * Chunked uploads go beyond one PUT's 5 GiB: multipart allows 10,000 parts of at most 128 MiB
 * (docs/uploads.md), so 1 TiB leaves parts well under that.
 */
export const MAX_CHUNKED_UPLOAD = 1024 * GiB;

export const maxUploadSize = size(
  1,
  MAX_CHUNKED_UPLOAD,
  "must be at most 1 TiB: the largest file a chunked upload can carry (10,000 parts).",
);

/** A secret: empty (unset), or long enough to be worth deriving keys from. */
export function secret(minLength: number) {
  return (raw: string): ParseResult<string> => {
    const value = raw.trim();
    if (value !== "" && value.length < minLength)
      return fail(`must be at least ${minLength} characters long.`);
    return ok(value);
  };
}

export function rate(raw: string): ParseResult<number> {
  return size(0, Number.MAX_SAFE_INTEGER)(raw.replace(/\s*\/\s*s(ec(ond)?)?\s*$/i, ""));
}

export function duration(minMs: number, maxMs: number) {
  return (raw: string): ParseResult<number> => {
    const parsed = parseDuration(raw);
    if (!parsed.ok)
      return fail(`${parsed.reason}. Expected a duration such as 30s, 5m, 250ms or milliseconds.`);
    if (parsed.ms < minMs) return fail(`must be at least ${formatDuration(minMs)}.`);
    if (parsed.ms > maxMs) return fail(`must be at most ${formatDuration(maxMs)}.`);
    return ok(parsed.ms);
  };
}

export function integer(min: number, max: number) {
  return (raw: string): ParseResult<number> => {
    const text = raw.trim().replace(/_/g, "");
    if (!/^\d+$/.test(text)) return fail(`expected a whole number from ${min} to ${max}.`);
    const value = Number(text);
    if (value < min || value > max) return fail(`expected a whole number from ${min} to ${max}.`);
    return ok(value);
  };
}

export function contentTypes(raw: string): ParseResult<Record<string, string>> {
  if (raw.trim() === "") return ok({});
  const parsed = parseContentTypes(raw);
  if (parsed.ok) return ok(parsed.types);
  return fail(`${parsed.reasons.join("; ")}. Expected .ext=type/subtype pairs separated by commas.`);
}

/** Comma-separated emails or user names, compared case-insensitively (so stored lower-cased). */
export function identityList(raw: string): ParseResult<string[]> {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused.
  const bad = entries.find((entry) => /[\s\u0000-\u001f\u007f"'()]/.test(entry));
  if (bad !== undefined) {
    return fail(
      `"${bad}" is not an email or user name. Expected names separated by commas, e.g. alice@example.com,bob@example.com.`,
    );
  }
  return ok([...new Set(entries.map((entry) => entry.toLowerCase()))]);
}

/**
 * FILES_UPSTREAM_RATE_LIMIT: `<concurrent>,<per second>` or `off`. The pacer's burst is the
 * smaller of the two numbers, so a quiet app cannot fire a whole second's worth at once.
 */
export function paceLimits(
  raw: string,
): ParseResult<{ concurrent: number; perSecond: number; burst: number } | false> {
  const value = raw.trim().toLowerCase();
  if (value === "off") return ok(false);
  const match = /^(\d+)\s*,\s*(\d+)$/.exec(value);
  const concurrent = Number(match?.[1]);
  const perSecond = Number(match?.[2]);
  if (!match || concurrent < 1 || perSecond < 1 || concurrent > 1000 || perSecond > 100_000) {
    return fail('expected "<requests at once>,<requests per second>" such as "8,80", or "off".');
  }
  return ok({ concurrent, perSecond, burst: Math.min(concurrent, perSecond) + 2 });
}

/** One of a fixed set of words, compared case-insensitively. */
export function oneOf<T extends string>(allowed: readonly T[]) {
  return (raw: string): ParseResult<T> => {
    const value = raw.trim().toLowerCase();
    const found = allowed.find((word) => word === value);
    return found ? ok(found) : fail(`expected one of ${allowed.join(", ")}.`);
  };
}

/** An IP address or host name to listen on. */
export function hostAddress(raw: string): ParseResult<string> {
  const value = raw.trim();
  if (/^[A-Za-z0-9.:-]{1,253}$/.test(value)) return ok(value);
  return fail("expected an IP address or host name such as 0.0.0.0, 127.0.0.1 or ::.");
}
