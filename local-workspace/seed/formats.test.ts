// Each seeded file must be a valid instance of its format with the values demo-files.ts promises,
// because the preview tests rely on both.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { decode } from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_FILES, SHARED_VOLUME, seedSharedVolume } from "./index.js";
import { pngSize } from "./png.js";

let tmp: string;
const read = (file: string) => readFile(path.join(tmp, "shared", ...file.split("/")));
const readText = async (file: string) => (await read(file)).toString("utf8");

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "seed-formats-"));
  await seedSharedVolume(path.join(tmp, "shared"), { markerPath: path.join(tmp, "marker.json") });
});

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("images", () => {
  it("PNG has the signature and its IHDR gives the natural size", async () => {
    const png = await read(DEMO_FILES.png.path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngSize(png)).toEqual({ width: DEMO_FILES.png.width, height: DEMO_FILES.png.height });
  });

  it("JPEG decodes to the promised size", async () => {
    const image = decode(await read(DEMO_FILES.jpeg.path), { useTArray: true });
    expect({ width: image.width, height: image.height }).toEqual({ width: 640, height: 480 });
  });

  it("SVG carries a script the preview must never run", async () => {
    const svg = await readText(DEMO_FILES.svg.path);
    expect(svg).toMatch(/^<svg[^>]* width="200" height="80"/);
    for (const marker of DEMO_FILES.svg.xss) expect(svg).toContain(marker);
    // The team's own logo is a plain SVG.
    expect(await readText(DEMO_FILES.logo.path)).not.toMatch(/<script|onload/);
  });
});

describe("parquet", () => {
  it("reads back with hyparquet: rows, row groups, schema and known values", async () => {
    const bytes = await read(DEMO_FILES.parquet.path);
    const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const metadata = parquetMetadata(file);
    expect(metadata.num_rows).toBe(10_000n);
    expect(metadata.row_groups.length).toBe(DEMO_FILES.parquet.rowGroups);
    const schema = parquetSchema(metadata);
    expect(schema.children.map((c) => c.element.name)).toEqual([...DEMO_FILES.parquet.columns]);
    expect(schema.children.find((c) => c.element.name === "order_date")?.element.converted_type).toBe("DATE");

    const [first] = await parquetReadObjects({ file, rowStart: 0, rowEnd: 1 });
    const { order_date, ...rest } = DEMO_FILES.parquet.firstRow;
    expect(first).toMatchObject(rest);
    expect(first?.order_date).toEqual(new Date(`${order_date}T00:00:00Z`));
    // A row in the second row group, and the last row, prove every group decodes.
    const [inSecondGroup] = await parquetReadObjects({ file, rowStart: 2_500, rowEnd: 2_501 });
    expect(inSecondGroup?.order_id).toBe(102_501);
    const [last] = await parquetReadObjects({ file, rowStart: 9_999, rowEnd: 10_000 });
    expect(last?.order_id).toBe(DEMO_FILES.parquet.lastOrderId);
  });
});

describe("pdf", () => {
  it("starts with %PDF- and every xref offset points at its object", async () => {
    const pdf = (await read(DEMO_FILES.pdf.path)).toString("latin1");
    expect(pdf.startsWith("%PDF-1.4")).toBe(true);
    expect(pdf.trimEnd().endsWith("%%EOF")).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(pdf)?.[1]);
    expect(pdf.slice(startxref, startxref + 5)).toBe("xref\n");
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(pdf.slice(startxref)) ?? [];
    expect(Number(first)).toBe(0);
    const entries = [...pdf.slice(startxref).matchAll(/(\d{10}) (\d{5}) ([nf])\r\n/g)];
    expect(entries).toHaveLength(Number(count));
    for (const [i, entry] of entries.entries()) {
      if (entry[3] === "f") continue;
      expect(pdf.slice(Number(entry[1])).startsWith(`${i} 0 obj`), `object ${i}`).toBe(true);
    }
    expect(pdf).toContain(`/Count ${DEMO_FILES.pdf.pages}`);
    expect(pdf).toContain(`(${DEMO_FILES.pdf.title}) Tj`);
  });
});

describe("notebook", () => {
  it("is nbformat 4 with stream, execute_result and display_data PNG outputs", async () => {
    const nb = JSON.parse(await readText(DEMO_FILES.notebook.path)) as {
      nbformat: number;
      cells: { cell_type: string; outputs?: Record<string, unknown>[] }[];
    };
    expect(nb.nbformat).toBe(4);
    expect(nb.cells.some((c) => c.cell_type === "markdown")).toBe(true);
    const outputs = nb.cells.flatMap((c) => c.outputs ?? []);
    const byType = (type: string) => outputs.find((o) => o.output_type === type);
    const joined = (value: unknown) => (Array.isArray(value) ? value.join("") : value);
    expect(joined(byType("stream")?.text)).toBe(DEMO_FILES.notebook.streamText);
    const result = byType("execute_result")?.data as Record<string, unknown>;
    expect(joined(result["text/plain"])).toBe(DEMO_FILES.notebook.executeResultText);
    const display = byType("display_data")?.data as Record<string, unknown>;
    const png = Buffer.from(String(display["image/png"]), "base64");
    expect(pngSize(png)).toEqual(DEMO_FILES.notebook.displayPng);
    expect(byType("error")?.ename).toBe(DEMO_FILES.notebook.errorName);
    const markdown = nb.cells.find((c) => c.cell_type === "markdown") as { source: string[] } | undefined;
    // The team's notebook is clean; its copy in safety-checks/ carries the onerror payload.
    expect(markdown?.source.join("")).not.toContain("onerror");
    const unsafe = JSON.parse(await readText(DEMO_FILES.safetyChecks.notebook.path)) as typeof nb;
    const unsafeMarkdown = unsafe.cells.find((c) => c.cell_type === "markdown") as unknown as {
      source: string[];
    };
    expect(unsafeMarkdown.source.join("")).toContain(DEMO_FILES.safetyChecks.notebook.markdownXss);
  });
});

describe("text formats", () => {
  it("CSV has a header, the promised row count, a known first row and RFC 4180 quoting", async () => {
    const lines = (await readText(DEMO_FILES.csv.path)).trimEnd().split("\r\n");
    expect(lines).toHaveLength(DEMO_FILES.csv.rows + 1);
    expect(lines[0]).toBe(DEMO_FILES.csv.columns.join(","));
    expect(lines[1]).toBe(
      "100001,2024-01-02,EMEA,Germany,Northwind Traders,Lakehouse Pro,12,49.5,594,false,",
    );
    expect(lines).toContainEqual(expect.stringContaining('"Smith & ""Sons"""'));
    expect(lines).toContainEqual(expect.stringContaining('"Acme, Inc."'));
  });

  it("TSV has the same first row, tab separated", async () => {
    const lines = (await readText(DEMO_FILES.tsv.path)).trimEnd().split("\n");
    expect(lines).toHaveLength(DEMO_FILES.tsv.rows + 1);
    expect(lines[1]?.split("\t")[2]).toBe(DEMO_FILES.tsv.firstRegion);
  });

  it("JSON and JSON Lines parse with the known values", async () => {
    expect(JSON.parse(await readText(DEMO_FILES.json.path))).toMatchObject({
      region: "EMEA",
      currency: DEMO_FILES.json.currency,
      targets: expect.arrayContaining([expect.objectContaining({ quarter: "Q1" })]),
    });
    const events = (await readText(DEMO_FILES.jsonl.path))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as { action: string });
    expect(events).toHaveLength(DEMO_FILES.jsonl.records);
    expect(events[0]?.action).toBe(DEMO_FILES.jsonl.firstEvent);
  });

  it("the README names the real volume and has no script; the safety checks carry the payloads", async () => {
    const readme = await readText(DEMO_FILES.readme.path);
    expect(readme).toContain(`# ${DEMO_FILES.readme.heading}`);
    for (const marker of ["| Region |", "```python", "](https://", SHARED_VOLUME.name, SHARED_VOLUME.path]) {
      expect(readme).toContain(marker);
    }
    expect(readme).not.toMatch(/<script|onerror|onload/i);
    const { safetyChecks, html, svg } = DEMO_FILES;
    const markdown = await readText(safetyChecks.markdown.path);
    for (const marker of safetyChecks.markdown.xss) expect(markdown).toContain(marker);
    expect(await readText(html.path)).toContain(`<script>${html.xss}</script>`);
    // Every script-bearing file is in the one folder, and its README names each of them.
    const why = await readText(safetyChecks.readme);
    for (const file of [html.path, svg.path, safetyChecks.markdown.path, safetyChecks.notebook.path]) {
      expect(file.startsWith(`${safetyChecks.folder}/`)).toBe(true);
      expect(why).toContain(file.slice(safetyChecks.folder.length + 1));
    }
  });
});

describe("audio and binary", () => {
  it("WAV is one second of 16-bit mono PCM", async () => {
    const wav = await read(DEMO_FILES.audio.path);
    expect(wav.toString("latin1", 0, 4) + wav.toString("latin1", 8, 12)).toBe("RIFFWAVE");
    expect(wav.readUInt32LE(24)).toBe(DEMO_FILES.audio.sampleRate);
    expect(wav.readUInt32LE(40)).toBe(DEMO_FILES.audio.sampleRate * 2 * DEMO_FILES.audio.seconds);
  });

  it("the unknown binary has the promised size and is not text", async () => {
    const bin = await read(DEMO_FILES.binary.path);
    expect(bin.byteLength).toBe(DEMO_FILES.binary.bytes);
    expect(bin.includes(0)).toBe(true);
  });
});
