// A static scan of what the built app imports at runtime. Databricks Apps installs everything
// (dev dependencies too, to build), but the app must not rely on that: every bare import of the
// runtime code has to resolve to a package in `dependencies` or to a Node built-in.
import { readdir, readFile } from "node:fs/promises";
import { isBuiltin } from "node:module";
import path from "node:path";

const STATIC_IMPORT = /^\s*(?:import|export)\b[^;'"`]*?\bfrom\s*["']([^"']+)["']/gm;
const SIDE_EFFECT_IMPORT = /^\s*import\s*["']([^"']+)["']/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/g;
const REQUIRE = /\brequire\(\s*["']([^"']+)["']\s*\)/g;

/** Every module specifier a JavaScript file names that is not relative or absolute. */
export function bareSpecifiers(source: string): string[] {
  const found = new Set<string>();
  for (const pattern of [STATIC_IMPORT, SIDE_EFFECT_IMPORT, DYNAMIC_IMPORT, REQUIRE]) {
    for (const match of source.matchAll(pattern)) {
      const specifier = match[1] ?? "";
      if (specifier !== "" && !specifier.startsWith(".") && !specifier.startsWith("/")) found.add(specifier);
    }
  }
  return [...found];
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

export async function listJavaScript(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && /\.(c|m)?js$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));
}

/** One line per import the runtime code makes of something outside `dependencies`. */
export async function runtimeImportProblems(
  projectDir: string,
  files: readonly string[],
  dependencies: ReadonlySet<string>,
): Promise<string[]> {
  const problems: string[] = [];
  for (const file of files) {
    for (const specifier of bareSpecifiers(await readFile(file, "utf8"))) {
      if (isBuiltin(specifier) || dependencies.has(packageName(specifier))) continue;
      problems.push(
        `${path.relative(projectDir, file)} imports "${specifier}", which is not in dependencies`,
      );
    }
  }
  return problems;
}
