import type { LargeUploadApi } from "../../../databricks/large-upload-api.js";
import { internal } from "../../../errors/catalogue.js";
import type { VolumeContext } from "../../context.js";

/** The large-upload API as this request's identity (on-behalf-of-user: the token it carried). */
export function largeUploadsOf(ctx: VolumeContext): LargeUploadApi {
  const api = ctx.exec.files.largeUploads;
  if (!api) throw internal("This Files client cannot make large uploads.");
  return api;
}
