import Type, { type Static } from "typebox";

export const AuthModeSchema = Type.Union([
  Type.Literal("service-principal"),
  Type.Literal("on-behalf-of-user"),
]);

/** Kinds of action a user's own Unity Catalog grants allow: READ VOLUME and WRITE VOLUME. */
export const GrantKindSchema = Type.Union([Type.Literal("read"), Type.Literal("write")]);
export type GrantKind = Static<typeof GrantKindSchema>;

/** A folder where the policy lets this caller do more than at the volume root. */
export const PolicyPlaceSchema = Type.Object({
  /** Volume-relative, no leading or trailing slash, e.g. `users/alice@example.com`. */
  path: Type.String(),
  /** `own-folder`: the caller's own folder (`own-folder(…)`); `path`: a folder a path rule names. */
  kind: Type.Union([Type.Literal("own-folder"), Type.Literal("path")]),
  /** What the caller may do there (and below), policy and known grants applied. */
  actions: Type.Array(Type.String()),
});
export type PolicyPlace = Static<typeof PolicyPlaceSchema>;

export const VolumeInfo = Type.Object({
  /** The key in URLs: DATABRICKS_VOLUME_<KEY> lower-cased. */
  key: Type.String(),
  /** /Volumes/<catalog>/<schema>/<volume> */
  path: Type.String(),
  /** Who the Files API calls run as: the app's service principal, or the signed-in user. */
  auth: AuthModeSchema,
  /** Largest single upload in bytes. */
  maxUploadSize: Type.Integer(),
  /** Ours: the same limit in the unit the admin wrote it, for display ("1MB" becomes "1 MB"). */
  maxUploadSizeLabel: Type.String(),
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
  /**
   * Ours: folders where the policy lets this caller do more than at the root, the caller's own
   * folder first. The folder need not exist yet (an upload creates it). Actions in any other
   * folder: the `x-allowed-actions` header of its listing.
   */
  places: Type.Array(PolicyPlaceSchema),
  /** Ours: Unity Catalog's refusal when the caller's own grants narrowed `actions`. */
  deniedBy: Type.Optional(Type.String()),
  /**
   * Ours, on-behalf-of-user volumes: the kinds of action the caller's own grants refuse
   * volume-wide (as far as side-effect-free probes tell), to apply to any folder's actions.
   */
  grantsDeny: Type.Optional(Type.Array(GrantKindSchema)),
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
