// package.json and package-lock.json against the runtimes: Databricks Apps runs Node 22.16
// (`npm install`, `npm run build`, `npm run start`), development machines run Node 20.
import semver from "semver";
import { describe, expect, it } from "vitest";
import { readProjectFile } from "./support/project.js";

const DATABRICKS_APPS_NODE = "22.16.0";
const OLDEST_NODE_20 = "20.19.0";

/**
 * Packages whose `engines` claim Node 22 but which run on Node 20: the whole test suite runs on
 * Node 20 with them. npm only warns (EBADENGINE). The README explains this.
 */
const RUN_ON_NODE_20_DESPITE_ENGINES: Record<string, string> = {
  "@databricks/sdk-experimental": "declares node >=22.0; pinned to 0.17.0",
  "content-disposition": "declares node >=22 (via @fastify/static)",
  cookie: "declares node >=22 (via fastify's light-my-request)",
};

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  engines?: { node?: unknown } | unknown[];
  optionalDependencies?: Record<string, string>;
}

interface PackageJson {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const pkg = JSON.parse(readProjectFile("package.json")) as PackageJson;
const lock = JSON.parse(readProjectFile("package-lock.json")) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry & PackageJson>;
};
const locked = Object.entries(lock.packages).filter(([key]) => key !== "");
const nameOf = (key: string) => key.slice(key.lastIndexOf("node_modules/") + "node_modules/".length);
const nodeRange = (entry: LockEntry) =>
  !Array.isArray(entry.engines) && typeof entry.engines?.node === "string" ? entry.engines.node : undefined;

describe("engines and lockfile", () => {
  it("package.json's engines cover Databricks Apps' Node 22.16 and Node 20", () => {
    const range = pkg.engines?.node ?? "";
    expect(semver.satisfies(DATABRICKS_APPS_NODE, range)).toBe(true);
    expect(semver.satisfies(OLDEST_NODE_20, range)).toBe(true);
    expect(semver.satisfies("21.7.0", range)).toBe(false);
  });

  it("the lockfile is v3 (npm 10 on Node 22.16 reads it) and in sync with package.json", () => {
    expect(lock.lockfileVersion).toBe(3);
    const root = lock.packages[""];
    expect(root?.engines).toEqual(pkg.engines);
    expect(root?.dependencies).toEqual(pkg.dependencies);
    expect(root?.devDependencies).toEqual(pkg.devDependencies);
  });

  it("pins @databricks/sdk-experimental exactly (the code works around its 0.17.0 behaviour)", () => {
    expect(pkg.dependencies?.["@databricks/sdk-experimental"]).toBe("0.17.0");
    expect(lock.packages["node_modules/@databricks/sdk-experimental"]?.version).toBe("0.17.0");
  });

  it("lists every optional platform package, or npm ci refuses the lockfile", () => {
    const missing = locked.flatMap(([key, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter(
          (dep) => !lock.packages[`node_modules/${dep}`] && !lock.packages[`${key}/node_modules/${dep}`],
        )
        .map((dep) => `${nameOf(key)} → ${dep}`),
    );
    expect(missing, "add these to package-lock.json (npm ci fails with 'Missing: … from lock file')").toEqual(
      [],
    );
  });

  it("every locked package supports Node 22.16", () => {
    const unsupported = locked
      .filter(([, entry]) => {
        const range = nodeRange(entry);
        return range !== undefined && !semver.satisfies(DATABRICKS_APPS_NODE, range);
      })
      .map(([key, entry]) => `${nameOf(key)}@${entry.version} (${nodeRange(entry)})`);
    expect(unsupported).toEqual([]);
  });

  it("only the known exceptions claim not to support Node 20, and the exceptions are still real", () => {
    const claimsNo20 = locked
      .filter(([, entry]) => {
        const range = nodeRange(entry);
        return range !== undefined && !semver.satisfies(OLDEST_NODE_20, range);
      })
      .map(([key]) => nameOf(key));
    expect([...new Set(claimsNo20)].sort()).toEqual(Object.keys(RUN_ON_NODE_20_DESPITE_ENGINES).sort());
  });
});
