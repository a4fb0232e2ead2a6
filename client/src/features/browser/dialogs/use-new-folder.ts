// Creating a folder by name, shared by the New folder dialog and the picker's inline field:
// the name rules, the "already exists" question (mkdir is idempotent upstream, so an existing
// name would "succeed" silently), the create, and the announcement.

import type { VolumeInfo } from "@shared/api/volumes";
import { useState } from "react";
import { fetchExists } from "@/api/files/exists";
import { useCreateDirectory } from "@/api/files/mkdir";
import { announce } from "@/lib/announcer";
import { errorLine } from "@/lib/describe-error";
import { checkChildName } from "./name-rules";

export function useNewFolder(volume: VolumeInfo, parent: string, onCreated: (name: string) => void) {
  const [name, setNameState] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const mkdir = useCreateDirectory(volume.key);
  const busy = checking || mkdir.isPending;

  const setName = (value: string) => {
    setNameState(value);
    setError(null);
  };

  const create = async () => {
    if (busy) return;
    const check = checkChildName(name, parent, volume.path);
    if (!check.ok) return setError(check.reason);
    setChecking(true);
    try {
      if ((await fetchExists(volume.key, check.path)).exists) {
        setError(`“${name}” already exists here.`);
        return;
      }
      await mkdir.mutateAsync(check.path);
      announce(`Created folder ${name}`, "success");
      onCreated(name);
    } catch (err) {
      setError(errorLine(err));
    } finally {
      setChecking(false);
    }
  };

  return { name, setName, error, busy, create };
}
