// The page's one upload queue, provided to React the way its query client is (main.tsx): created
// once with the client it refreshes, and reached through useUploadStore(). upload-store.ts holds
// the queue itself; tests create their own with a fake server.
import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import { useStore } from "@/lib/store";
import { createUploadStore, type UploadStore } from "./upload-store";
import type { UploadItem } from "./upload-types";

const UploadStoreContext = createContext<UploadStore | null>(null);

export function UploadsProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [uploads] = useState(() => createUploadStore({ queryClient }));

  // Leaving the page would abort every transfer in flight: ask first.
  useEffect(() => {
    const askFirst = (event: BeforeUnloadEvent) => {
      if (uploads.hasPending()) event.preventDefault();
    };
    window.addEventListener("beforeunload", askFirst);
    return () => window.removeEventListener("beforeunload", askFirst);
  }, [uploads]);

  return <UploadStoreContext value={uploads}>{children}</UploadStoreContext>;
}

export function useUploadStore(): UploadStore {
  const uploads = useContext(UploadStoreContext);
  if (!uploads) throw new Error("useUploadStore() needs an <UploadsProvider> above it");
  return uploads;
}

/** Every upload of this page, re-rendering when any of them changes. */
export function useUploads(): UploadItem[] {
  return useStore(useUploadStore().state);
}
