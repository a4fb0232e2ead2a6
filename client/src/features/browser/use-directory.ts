import type { DirectoryEntry } from "@shared/api/files";
import { useMemo } from "react";
import { useWholeFolder } from "@/api/files/whole-folder";

const NONE: DirectoryEntry[] = [];

/**
 * The folder shown: every entry read so far (`complete` once the whole folder is in), with the
 * read's states. An error with entries already shown is a read that broke part-way (or a
 * refresh that failed): the entries stay, with a banner.
 */
export function useDirectory(volume: string, volumePath: string, path: string) {
  const query = useWholeFolder(volume, volumePath, path);
  const data = query.data;
  const entries = data?.entries ?? NONE;
  return useMemo(
    () => ({
      entries,
      read: data?.read ?? 0,
      complete: data?.done === true,
      truncated: data?.truncated === true,
      isPending: query.isPending,
      isSuccess: query.isSuccess,
      isError: query.isError,
      error: query.error,
      hasData: data !== undefined,
      /** Reading again a folder already shown (a refresh). */
      isRefreshing: query.isFetching && data?.done === true,
      refetch: query.refetch,
    }),
    [
      entries,
      data,
      query.isPending,
      query.isSuccess,
      query.isError,
      query.error,
      query.isFetching,
      query.refetch,
    ],
  );
}

export type Directory = ReturnType<typeof useDirectory>;
