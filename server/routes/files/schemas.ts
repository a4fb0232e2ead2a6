// Route-local schema pieces; the request/response shapes themselves live in shared/api.
import Type from "typebox";

export const VolumeParams = Type.Object({ volume: Type.String({ minLength: 1, maxLength: 200 }) });

/** A path query that may be absent or name the root (list, exists, the multipart target folder). */
export const OptionalPathQuery = Type.Object({ path: Type.Optional(Type.String({ maxLength: 16_384 })) });

/** A path query that must be present; the service still rejects the root where it makes no sense. */
export const RequiredPathQuery = Type.Object({ path: Type.String({ minLength: 1, maxLength: 16_384 }) });
