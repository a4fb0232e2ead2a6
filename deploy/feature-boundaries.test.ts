// Features do not import each other (biome.json's per-feature noRestrictedImports overrides).
// A lint rule that silently stopped matching would let such imports in unnoticed, so this test
// writes a real cross-feature import into each feature folder and expects Biome to refuse it.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "..");
const featuresDir = path.join(root, "client/src/features");
const biome = path.join(root, "node_modules/.bin/biome");

/** Lints the given files; resolves with Biome's exit code and output (it exits 1 on any error). */
async function lint(files: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(biome, ["lint", "--max-diagnostics=100", ...files], { cwd: root });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const failed = err as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
  }
}

/** Writes probe files (named so they are unmistakably temporary), lints them, removes them. */
async function lintProbes(sources: Map<string, string>): Promise<{ code: number; output: string }> {
  const files = [...sources.keys()];
  try {
    await Promise.all(files.map((file) => writeFile(file, sources.get(file) as string)));
    return await lint(files.map((file) => path.relative(root, file)));
  } finally {
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }
}

const features = readdirSync(featuresDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe("feature import boundaries", () => {
  const probeName = () => `boundary-probe-${randomUUID()}.ts`;

  it("covers at least two features", () => {
    expect(features.length).toBeGreaterThanOrEqual(2);
  });

  it("refuses a feature importing another one, by alias and by relative path", async () => {
    const sources = new Map<string, string>();
    for (const feature of features) {
      const other = features.find((f) => f !== feature) as string;
      sources.set(
        path.join(featuresDir, feature, probeName()),
        `import * as viaAlias from "@/features/${other}";\nexport const probe = viaAlias;\n`,
      );
      sources.set(
        path.join(featuresDir, feature, probeName()),
        `import * as viaPath from "../${other}/index";\nexport const probe = viaPath;\n`,
      );
    }
    const { code, output } = await lintProbes(sources);
    expect(code).not.toBe(0);
    // One refusal per probe: every feature folder has the rule, for both spellings.
    const refusals = output.match(/lint\/style\/noRestrictedImports/g) ?? [];
    expect(refusals.length).toBe(sources.size);
  });

  it("accepts a feature importing shared code (lib, components, api, @shared)", async () => {
    const sources = new Map<string, string>();
    for (const feature of features) {
      sources.set(
        path.join(featuresDir, feature, probeName()),
        [
          'import * as store from "@/lib/store";',
          'import * as keys from "@/api/query-keys";',
          'import * as headers from "@shared/http-headers";',
          "export const probe = [store, keys, headers];",
          "",
        ].join("\n"),
      );
    }
    const { code, output } = await lintProbes(sources);
    expect(output).not.toMatch(/noRestrictedImports/);
    expect(code).toBe(0);
  });
});
