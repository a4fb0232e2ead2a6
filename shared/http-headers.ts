// Header names (and values) the server and the SPA both use. Plain constants with no imports:
// the SPA takes them from here without pulling the API schemas' TypeBox into its bundle.

/** Every state-changing request carries it; a cross-site form cannot (server/http/csrf.ts). */
export const CSRF_HEADER = { name: "x-requested-with", value: "volumes-browser" } as const;

/** A listing with more entries: pass it back as `pageToken`. */
export const NEXT_PAGE_TOKEN_HEADER = "x-next-page-token";

/**
 * List responses also say, in this header, which actions (comma-separated) the policy lets the
 * caller perform *in this folder*: a policy such as own-folder("users/{email}/") allows writes
 * in some folders only. Unity Catalog grants (on-behalf-of-user volumes) are volume-wide and
 * reported by GET /volumes.
 */
export const ALLOWED_ACTIONS_HEADER = "x-allowed-actions";

/** A chunked upload's sealed token, on every request after the start (docs/uploads.md). */
export const UPLOAD_TOKEN_HEADER = "x-upload-token";

/** On 409 UPLOAD_OFFSET_MISMATCH: the bytes the server has; send from there. */
export const UPLOAD_COMMITTED_HEADER = "upload-committed";
