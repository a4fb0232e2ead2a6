// Is the file picked after a reload the one whose upload was interrupted? A browser cannot
// reopen a file by itself, so the person picks it again; name, size and modification time catch
// most mistakes, and a hash of the first chunk catches a different file with the same name and
// size (a re-export, a copy edited in place with its time kept).
import { formatSize } from "@shared/sizes";

/** How much of the start of the file is hashed: enough to tell files apart, quick to read. */
export const IDENTITY_HASH_BYTES = 4 * 1024 * 1024;

export interface FileIdentity {
  name: string;
  size: number;
  lastModified: number;
  /** Hex SHA-256 of the first IDENTITY_HASH_BYTES. */
  firstChunkSha256: string;
}

export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function identify(file: File): Promise<FileIdentity> {
  return {
    name: file.name,
    size: file.size,
    lastModified: file.lastModified,
    firstChunkSha256: await sha256Hex(file.slice(0, IDENTITY_HASH_BYTES)),
  };
}

export type IdentityCheck = { same: true } | { same: false; reason: string };

export function compareIdentity(saved: FileIdentity, picked: FileIdentity): IdentityCheck {
  const refuse = (why: string): IdentityCheck => ({
    same: false,
    reason: `${picked.name} is not the file whose upload was interrupted: ${why}. Pick ${saved.name} again.`,
  });
  if (picked.name !== saved.name) return refuse(`the name differs (expected ${saved.name})`);
  if (picked.size !== saved.size)
    return refuse(`it has ${formatSize(picked.size)}, the interrupted one ${formatSize(saved.size)}`);
  if (picked.lastModified !== saved.lastModified) return refuse("it was modified since");
  if (picked.firstChunkSha256 !== saved.firstChunkSha256) return refuse("its content differs");
  return { same: true };
}
