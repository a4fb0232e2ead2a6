// One structured audit line per write and per denial: who, what, where, how it ended, and whose
// credentials ran it (the service principal's grants or the user's). The line is built field by
// field from the event, never by spreading a caller object, so a token riding on some object can
// never reach the log.
import type { FileAction } from "../../shared/actions.js";

export type AuditOutcome = "allowed" | "denied" | "failed" | "succeeded";

export interface AuditEvent {
  user: { id?: string | undefined; email?: string | undefined };
  /** The policy user is the service principal itself (no user headers). */
  isServicePrincipal: boolean;
  /** Whose credentials made (or would have made) the Files API call. */
  executedAs: "service-principal" | "user";
  action: FileAction;
  volume: string;
  /** Canonical volume-relative path. */
  path: string;
  /** The destination of a move. */
  destination?: string;
  /** What a copy duplicated, as `volume:path`. */
  source?: string;
  outcome: AuditOutcome;
  /** The HTTP status the client got. */
  status?: number;
  /** Why it was denied or failed (policy name, upstream error code or message). */
  reason?: string;
  /** Bytes written by an upload. */
  bytes?: number;
}

/** What auditLog needs from a logger; pino loggers (and Fastify's request.log) fit. */
export interface AuditLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

const MAX_REASON = 500;

export function auditLog(logger: AuditLogger, event: AuditEvent): void {
  const line: Record<string, unknown> = {
    audit: true,
    user: { id: event.user.id, email: event.user.email },
    isServicePrincipal: event.isServicePrincipal,
    executedAs: event.executedAs,
    action: event.action,
    volume: event.volume,
    path: event.path,
    outcome: event.outcome,
  };
  if (event.destination !== undefined) line.destination = event.destination;
  if (event.source !== undefined) line.source = event.source;
  if (event.status !== undefined) line.status = event.status;
  if (event.bytes !== undefined) line.bytes = event.bytes;
  // Upstream messages can be long; an audit line should stay one readable line.
  if (event.reason !== undefined) line.reason = event.reason.slice(0, MAX_REASON);
  // Denials and failures are what someone reviewing the log looks for.
  if (event.outcome === "denied" || event.outcome === "failed") logger.warn(line, "audit");
  else logger.info(line, "audit");
}
