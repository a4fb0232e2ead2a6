import { access, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DEMO_FILES,
  DEMO_INBOX,
  DEMO_UPLOADS,
  SEED_VERSION,
  seedInboxVolume,
  seedSharedVolume,
  seedUploadsVolume,
} from "./index.js";
import { demoJpeg } from "./jpeg.js";
import { salesNotebook } from "./notebook.js";
import { salesParquet } from "./parquet.js";
import { demoPng } from "./png.js";
import { createPrng } from "./prng.js";
import { textFiles } from "./text-files.js";

let tmp: string;
let shared: string;
let markerPath: string;
let firstRun: { files: number; bytes: number };

const at = (...parts: string[]) => path.join(shared, ...parts.flatMap((p) => p.split("/")));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "seed-test-"));
  shared = path.join(tmp, "volumes", "shared");
  markerPath = path.join(tmp, "markers", "shared.json");
  firstRun = await seedSharedVolume(shared, { markerPath });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("seedSharedVolume", () => {
  it("writes every demo file and reports what it wrote", async () => {
    expect(firstRun.files).toBeGreaterThan(DEMO_FILES.manyFiles.count + 25);
    expect(firstRun.bytes).toBeGreaterThan(200_000);
    const d = DEMO_FILES;
    const files: { path: string }[] = [d.readme, d.text, d.csv, d.tsv, d.parquet, d.json, d.jsonl, d.pdf];
    files.push(d.png, d.jpeg, d.svg, d.notebook, d.html, d.audio, d.binary, d.unicodeName, d.punctuationName);
    for (const file of [...files.map((f) => f.path), ...Object.values(d.code)]) {
      expect((await stat(at(file))).isFile(), file).toBe(true);
    }
  });

  it("keeps the marker outside the volume when given a marker path", async () => {
    const marker: unknown = JSON.parse(await readFile(markerPath, "utf8"));
    expect(marker).toMatchObject({ version: SEED_VERSION, files: firstRun.files, bytes: firstRun.bytes });
    expect((await readdir(shared)).filter((name) => name.startsWith("."))).toEqual([]);
  });

  it("creates a folder with exactly 5,000 entries", async () => {
    const entries = await readdir(at(DEMO_FILES.manyFiles.path));
    expect(entries).toHaveLength(5_000);
    expect(entries).toContain(DEMO_FILES.manyFiles.first);
    expect(entries).toContain(DEMO_FILES.manyFiles.last);
    expect(await readFile(at(DEMO_FILES.manyFiles.path, "file-00042.txt"), "utf8")).toBe(
      "Demo file 42 of 5000.\n",
    );
  });

  it("nests folders at least three levels deep and keeps an empty folder", async () => {
    const { nestedFolder, emptyFolder } = DEMO_FILES;
    expect(nestedFolder.path.split("/").length).toBeGreaterThanOrEqual(3);
    expect((await readdir(at(nestedFolder.path))).sort()).toEqual([...nestedFolder.files].sort());
    expect(await readdir(at(emptyFolder.path))).toEqual([]);
  });

  it("creates the files with awkward names", async () => {
    const root = await readdir(shared);
    expect(root).toContain("日本 #1 100%.txt");
    expect(root).toContain('quote "and" semi;colon.txt');
  });

  it("makes the shell script executable", async () => {
    expect((await stat(at(DEMO_FILES.code.shell))).mode & 0o111).not.toBe(0);
  });

  it("is deterministic: regenerating gives byte-identical files", async () => {
    const d = DEMO_FILES;
    const expected: [string, Buffer | string][] = [
      [d.parquet.path, salesParquet(d.parquet.rows, d.parquet.rowGroupSize)],
      [d.png.path, demoPng(d.png.width, d.png.height)],
      [d.jpeg.path, demoJpeg(d.jpeg.width, d.jpeg.height)],
      [d.notebook.path, salesNotebook()],
      [d.binary.path, createPrng(42).bytes(d.binary.bytes)],
      ...textFiles().map((f): [string, string] => [f.path, String(f.content)]),
    ];
    for (const [file, content] of expected) {
      expect((await readFile(at(file))).equals(Buffer.from(content)), file).toBe(true);
    }
  });
});

describe("idempotence", () => {
  it("skips a volume whose marker says it is seeded, leaving user changes alone", async () => {
    await writeFile(at(DEMO_FILES.readme.path), "my edit\n");
    await rm(at(DEMO_FILES.text.path));
    expect(await seedSharedVolume(shared, { markerPath })).toEqual({ files: 0, bytes: 0 });
    expect(await readFile(at(DEMO_FILES.readme.path), "utf8")).toBe("my edit\n");
    // A file the user deleted stays deleted.
    await expect(access(at(DEMO_FILES.text.path))).rejects.toThrow();
  });

  it("re-seeding without a marker only fills gaps and never overwrites", async () => {
    await rm(markerPath);
    const result = await seedSharedVolume(shared, { markerPath });
    expect(result.files).toBe(1);
    expect(await readFile(at(DEMO_FILES.text.path), "utf8")).toContain(DEMO_FILES.text.firstLine);
    expect(await readFile(at(DEMO_FILES.readme.path), "utf8")).toBe("my edit\n");
  });
});

describe("uploads and inbox volumes", () => {
  it("seed a README and their folder, with a default dotfile marker", async () => {
    const uploads = path.join(tmp, "volumes", "uploads");
    const inbox = path.join(tmp, "volumes", "inbox");
    expect((await seedUploadsVolume(uploads)).files).toBe(1);
    expect((await seedInboxVolume(inbox)).files).toBe(1);
    expect(await readFile(path.join(uploads, DEMO_UPLOADS.readme.path), "utf8")).toMatch(/on behalf of/);
    expect((await stat(path.join(uploads, DEMO_UPLOADS.folder.path))).isDirectory()).toBe(true);
    expect(await readFile(path.join(inbox, DEMO_INBOX.readme.path), "utf8")).toMatch(/users\/<your email>\//);
    expect((await stat(path.join(inbox, DEMO_INBOX.usersFolder.path))).isDirectory()).toBe(true);
    expect(await readdir(uploads)).toContain(`.seeded-v${SEED_VERSION}`);
    expect(await seedUploadsVolume(uploads)).toEqual({ files: 0, bytes: 0 });
  });
});
