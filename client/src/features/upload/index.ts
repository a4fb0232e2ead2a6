// The upload feature: buttons and drop handling that queue files, the panel that shows their
// progress, and the dialog that resolves name conflicts.
export { ConflictDialog } from "./conflict-dialog";
export { uploadDropped, uploadPicked } from "./upload-actions";
export { UploadButtons } from "./upload-buttons";
export { UploadManager } from "./upload-manager";
export { UploadsProvider, useUploadStore } from "./uploads";
