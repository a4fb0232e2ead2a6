// The import boundaries Biome enforces (biome.json overrides), checked by running Biome on probe
// files, so a rule that silently stops matching fails here: features never import each other,
// and the app's code never imports the local workspace.
import { execFile } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIOME = path.join(ROOT, "node_modules/@biomejs/biome/bin/biome");
const probes: string[] = [];

/** Lints one probe file holding `source` at `rel`; resolves to Biome's output and exit code. */
async function lint(rel: string, source: string): Promise<{ code: number; output: string }> {
  const file = path.join(ROOT, rel);
  probes.push(file);
  await writeFile(file, source);
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIOME, "lint", rel], {
      cwd: ROOT,
    });
    return { code: 0, output: stdout + stderr };
  } catch (err) {
    const { code, stdout, stderr } = err as { code: number; stdout: string; stderr: string };
    return { code, output: stdout + stderr };
  }
}

afterEach(async () => {
  await Promise.all(probes.splice(0).map((file) => rm(file, { force: true })));
});

describe("import boundaries", () => {
  it.each([
    ["an alias", "@/features/upload/upload-store"],
    ["a relative path", "../upload/upload-store"],
  ])("a feature importing another through %s fails the lint", async (_, from) => {
    const result = await lint(
      "client/src/features/browser/zz-boundary-probe.ts",
      `import { enqueue } from "${from}";\nexport const probe = enqueue;\n`,
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("Features do not import each other");
  });

  it("a feature importing its own modules, lib and components passes", async () => {
    const result = await lint(
      "client/src/features/browser/zz-boundary-probe.ts",
      'import { entryKind } from "@/features/browser/logic/entry-kind";\nimport { announce } from "@/lib/announcer";\nexport const probe = [entryKind, announce];\n',
    );
    expect(result.output).not.toContain("Features do not import each other");
    expect(result.code).toBe(0);
  });

  it("the app's code importing the local workspace fails the lint", async () => {
    const result = await lint(
      "server/config/zz-boundary-probe.ts",
      'import { freePort } from "../../local-workspace/free-port.js";\nexport const probe = freePort;\n',
    );
    expect(result.code).not.toBe(0);
    expect(result.output).toContain("never imports the local workspace");
  });
});
