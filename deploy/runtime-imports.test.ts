import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bareSpecifiers, packageName, runtimeImportProblems } from "./support/runtime-imports.js";

describe("the runtime import scan", () => {
  it("finds static, multi-line, side-effect, dynamic and require imports, not relative ones", () => {
    const source = [
      'import { a } from "fastify";',
      "import {",
      "  b,",
      '} from "@fastify/static/lib/x.js";',
      'import "./local.js";',
      'import "reflect-metadata";',
      'export { c } from "node:path";',
      'const v = await import("vite");',
      'const r = require("undici");',
    ].join("\n");
    expect(bareSpecifiers(source).sort()).toEqual(
      ["@fastify/static/lib/x.js", "fastify", "node:path", "reflect-metadata", "undici", "vite"].sort(),
    );
    expect(packageName("@fastify/static/lib/x.js")).toBe("@fastify/static");
    expect(packageName("yaml/util")).toBe("yaml");
  });

  it("reports an import of a package outside dependencies, and accepts Node built-ins", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "runtime-imports-"));
    try {
      const file = path.join(dir, "main.js");
      await writeFile(
        file,
        'import fs from "fs";\nimport { x } from "fastify";\nimport { y } from "vitest";\n',
      );
      expect(await runtimeImportProblems(dir, [file], new Set(["fastify"]))).toEqual([
        'main.js imports "vitest", which is not in dependencies',
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
