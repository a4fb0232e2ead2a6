// Creates seed files without ever replacing what is already there: every write uses the `wx`
// flag, so a file a user edited (or a half-finished earlier seed) is left exactly as it is.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export class SeedWriter {
  files = 0;
  bytes = 0;
  private readonly madeDirs = new Set<string>();

  constructor(readonly root: string) {}

  /** Absolute path of a `/`-separated path relative to the volume root. */
  resolve(relative: string): string {
    return path.join(this.root, ...relative.split("/"));
  }

  async dir(relative: string): Promise<void> {
    const absolute = this.resolve(relative);
    if (this.madeDirs.has(absolute)) return;
    await mkdir(absolute, { recursive: true });
    this.madeDirs.add(absolute);
  }

  /** Writes the file unless something already exists at that path; returns whether it wrote. */
  async file(relative: string, content: string | Uint8Array, mode = 0o644): Promise<boolean> {
    const parent = path.posix.dirname(relative);
    await this.dir(parent === "." ? "" : parent);
    try {
      await writeFile(this.resolve(relative), content, { flag: "wx", mode });
    } catch (error) {
      if (isErrno(error, "EEXIST")) return false;
      throw error;
    }
    this.files++;
    this.bytes += typeof content === "string" ? Buffer.byteLength(content) : content.byteLength;
    return true;
  }
}

export function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && "code" in error && error.code === code;
}
