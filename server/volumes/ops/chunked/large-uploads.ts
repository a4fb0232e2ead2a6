import type { LargeUploadApi } from "../../../databricks/large-upload-api.js";
import { AppError } from "../../../errors/app-error.js";
import type { VolumeContext } from "../../context.js";

/** The large-upload API as this request's identity (on-behalf-of-user: the token it carried). */
export function largeUploadsOf(ctx: VolumeContext): LargeUploadApi {
  const api = ctx.exec.files.largeUploads;
  if (!api) throw new AppError(500, "INTERNAL", "This Files client cannot make large uploads.");
  return api;
}
