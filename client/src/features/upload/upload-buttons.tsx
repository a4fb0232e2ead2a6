import type { VolumeInfo } from "@shared/api/volumes";
import { FolderUp, Upload } from "lucide-react";
import { useRef } from "react";
import { ActionButton } from "@/components/ui/action-button";
import { denyReason, uploadLimitLabel } from "@/lib/volume-access";
import { uploadPicked } from "./upload-actions";
import { useUploadStore } from "./uploads";

/** "Upload" (files) and "Upload folder" buttons; the per-file limit is their tooltip and in the status bar. */
export function UploadButtons({ volume, dir }: { volume: VolumeInfo; dir: string }) {
  const uploads = useUploadStore();
  const filesRef = useRef<HTMLInputElement>(null);
  const folderRef = useRef<HTMLInputElement>(null);
  const unavailable = denyReason(volume, "upload");
  const limit = `Up to ${uploadLimitLabel(volume)} per file`;
  const onChange = (event: React.ChangeEvent<HTMLInputElement>) => {
    if (event.target.files) uploadPicked(uploads, volume, dir, event.target.files);
    // Picking the same file again must fire change again.
    event.target.value = "";
  };
  return (
    <>
      <ActionButton
        icon={<Upload size={16} aria-hidden="true" />}
        label="Upload"
        variant="primary"
        unavailable={unavailable}
        title={unavailable ?? limit}
        onClick={() => filesRef.current?.click()}
        data-testid="upload-files"
      />
      <ActionButton
        icon={<FolderUp size={16} aria-hidden="true" />}
        label="Upload folder"
        iconOnly
        unavailable={unavailable}
        title={unavailable ?? limit}
        onClick={() => folderRef.current?.click()}
        data-testid="upload-folder"
      />
      <input ref={filesRef} type="file" multiple hidden onChange={onChange} data-testid="file-input" />
      <input
        ref={folderRef}
        type="file"
        hidden
        onChange={onChange}
        data-testid="folder-input"
        {...{ webkitdirectory: "" }}
      />
    </>
  );
}
