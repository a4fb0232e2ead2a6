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
  /** The actions the policy lets *this caller* perform at the volume root. */
  actions: Type.Array(Type.String()),
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
