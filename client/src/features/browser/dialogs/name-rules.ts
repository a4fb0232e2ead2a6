// Checks a name or path typed into a dialog with the same rules the server applies, so people
// learn what is wrong before anything is sent.
import { childPath, normaliseRelativePath } from "@shared/paths";

export type NameCheck = { ok: true; path: string } | { ok: false; reason: string };

/** A single new name inside `parent` (no slashes). */
export function checkChildName(name: string, parent: string, volumeRoot: string): NameCheck {
  if (name === "") return { ok: false, reason: "Enter a name." };
  if (name.includes("/")) return { ok: false, reason: "A name cannot contain “/”." };
  if (name !== name.trim()) return { ok: false, reason: "A name cannot start or end with a space." };
  const result = normaliseRelativePath(childPath(parent, name), volumeRoot);
  if (!result.ok) return { ok: false, reason: capitalise(result.reason) };
  return { ok: true, path: result.path };
}

/** A destination typed as a volume-relative path, or an absolute path inside this volume. */
export function checkDestination(input: string, volumeRoot: string): NameCheck {
  const text = input.trim();
  if (text === "") return { ok: false, reason: "Enter a path." };
  const result = normaliseRelativePath(text, volumeRoot);
  if (!result.ok) return { ok: false, reason: capitalise(result.reason) };
  return { ok: true, path: result.path };
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith(".") ? "" : "."}`;
}
