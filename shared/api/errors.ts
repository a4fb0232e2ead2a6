import Type, { type Static } from "typebox";

/** The one JSON shape of every failure the API returns. */
export const ApiErrorBody = Type.Object({
  /** Stable, SCREAMING_SNAKE machine code (e.g. POLICY_DENIED, PERMISSION_DENIED, NOT_FOUND). */
  code: Type.String(),
  /** A human message that is safe to show (never a stack trace or a token). */
  message: Type.String(),
  /** The same message under the name AppKit's files plugin uses (`{ error }`), for its clients. */
  error: Type.String(),
  /** The HTTP status, repeated so logs and clients that lost the response line still have it. */
  status: Type.Integer(),
  /** Upstream details when Unity Catalog refused, e.g. the missing privilege. */
  reason: Type.Optional(Type.String()),
  requestId: Type.Optional(Type.String()),
});
export type ApiErrorBody = Static<typeof ApiErrorBody>;
