import { ancestorsAndSelf } from "@shared/paths";
import { useQuery } from "@tanstack/react-query";
import { fetchExists } from "@/api/files/exists";
import { queryKeys } from "@/api/query-keys";

/**
 * For a folder that is not found: is it a file (then the caller shows it in its folder), and
 * otherwise which is the nearest ancestor that still exists (the volume root at worst).
 */
export function useMissingPathInfo(volume: string, path: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.nearestExisting(volume, path),
    enabled,
    retry: false,
    // Not cancellable: a few tiny requests, and an aborted one would only be noise.
    queryFn: async (): Promise<{ isFile: boolean; nearest: string }> => {
      const self = await fetchExists(volume, path);
      if (self.exists && self.type === "file") return { isFile: true, nearest: path };
      for (const ancestor of ancestorsAndSelf(path).slice(1, -1).reverse()) {
        const found = await fetchExists(volume, ancestor);
        if (found.exists && found.type !== "file") return { isFile: false, nearest: ancestor };
      }
      return { isFile: false, nearest: "" };
    },
  });
}
