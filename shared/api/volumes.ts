import Type, { type Static } from "typebox";

export const AuthModeSchema = Type.Union([
  Type.Literal("service-principal"),
  Type.Literal("on-behalf-of-user"),
]);

export const VolumeInfo = Type.Object({
  /** The key in URLs: DATABRICKS_VOLUME_<KEY> lower-cased. */
  key: Type.String(),
  /** /Volumes/<catalog>/<schema>/<volume> */
  path: Type.String(),
  /** Who the Files API calls run as: the app's service principal, or the signed-in user. */
  auth: AuthModeSchema,
  /** Largest single upload in bytes. */
  maxUploadSize: Type.Integer(),
  /** The policy expression, as configured (for display). */
  policy: Type.String(),
  /**
   * The actions *this caller* may perform at the volume root: what the policy allows and, on an
   * on-behalf-of-user volume, what the caller's own Unity Catalog grants allow (probed with
   * side-effect-free Files API calls).
   */
  actions: Type.Array(Type.String()),
  /** Ours: whose credentials run this caller's requests on this volume. Absent when `unavailable`. */
  executedAs: Type.Optional(Type.Union([Type.Literal("service-principal"), Type.Literal("user")])),
  /** Ours: Unity Catalog's refusal when the caller's own grants narrowed `actions`. */
  deniedBy: Type.Optional(Type.String()),
  /**
   * Ours: why every request of this caller on this volume would be refused before reaching Unity
   * Catalog (e.g. no user token for an on-behalf-of-user volume); `actions` is then empty.
   */
  unavailable: Type.Optional(Type.String()),
});
export type VolumeInfo = Static<typeof VolumeInfo>;

/**
 * GET /api/files/volumes. `volumes` keeps AppKit's shape (a list of keys) so its clients keep
 * working; `details` is our addition.
 */
export const VolumesResponse = Type.Object({
  volumes: Type.Array(Type.String()),
  details: Type.Array(VolumeInfo),
});
export type VolumesResponse = Static<typeof VolumesResponse>;
