// app.yaml as Databricks Apps reads it: its command, and its env resolved through the bundle's
// app resources, checked by the app's own config validation and against databricks.yml.
import { describe, expect, it } from "vitest";
import { loadAppManifest } from "../local-workspace/app-manifest.js";
import { parseConfig } from "../server/config/parse-config.js";
import { deploymentProblems } from "./support/consistency.js";
import {
  type AppYaml,
  type Bundle,
  loadAppYaml,
  loadBundle,
  PROJECT_DIR,
  readProjectFile,
} from "./support/project.js";

const appYaml = loadAppYaml();
const bundle = loadBundle();

function withEnv(change: (env: NonNullable<AppYaml["env"]>) => void): AppYaml {
  const copy = structuredClone(appYaml);
  change(copy.env ?? []);
  return copy;
}

function withApp(change: (app: Record<string, unknown>) => void): Bundle {
  const copy = structuredClone(bundle);
  change(Object.values(copy.resources?.apps ?? {})[0] as Record<string, unknown>);
  return copy;
}

describe("app.yaml", () => {
  it("runs npm run start (a script package.json defines) and sets only command and env", () => {
    expect(appYaml.command).toEqual(["npm", "run", "start"]);
    expect(Object.keys(appYaml).sort()).toEqual(["command", "env"]);
    const pkg = JSON.parse(readProjectFile("package.json")) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBeDefined();
    expect(pkg.scripts.build).toBeDefined();
  });

  it("resolves every valueFrom through databricks.yml into an env the app's config validation accepts", async () => {
    const manifest = await loadAppManifest(PROJECT_DIR);
    const config = parseConfig(manifest.env);
    expect(config.warnings).toEqual([]);
    const volumes = config.volumes.map((v) => [v.key, v.path, v.auth]);
    expect(volumes.sort()).toEqual([
      ["inbox", "/Volumes/main/demo/inbox", "service-principal"],
      ["shared", "/Volumes/main/demo/shared", "service-principal"],
      ["uploads", "/Volumes/main/demo/uploads", "on-behalf-of-user"],
    ]);
  });

  it("agrees with databricks.yml: resources, user_api_scopes and each volume's permission", async () => {
    expect(await deploymentProblems(appYaml, bundle)).toEqual([]);
  });

  it("comments how to add a volume, switch its mode, and change its policy or limit", () => {
    const text = readProjectFile("app.yaml");
    for (const hint of [
      "To add a volume",
      "on-behalf-of-user",
      "FILES_<KEY>_POLICY",
      "MAX_UPLOAD_SIZE",
      "databricks.yml",
    ]) {
      expect(text).toContain(hint);
    }
  });
});

describe("the app.yaml ⇔ databricks.yml rules catch", () => {
  it("a valueFrom naming no resource, and a resource nothing uses", async () => {
    const typo = withEnv((env) => {
      const entry = env.find((e) => e.valueFrom === "shared");
      if (entry) entry.valueFrom = "shraed";
    });
    expect(await deploymentProblems(typo, bundle)).toEqual([
      'app.yaml: DATABRICKS_VOLUME_SHARED has valueFrom "shraed", which names no app resource',
      'databricks.yml: resource "shared" is granted to the app but unused',
    ]);
  });

  it("an env the app would refuse at startup", async () => {
    const bad = withEnv((env) => env.push({ name: "FILES_SHARED_POLICI", value: "public-read" }));
    const [problem] = await deploymentProblems(bad, bundle);
    expect(problem).toMatch(
      /config validation fails: .*FILES_SHARED_POLICI.*Did you mean FILES_SHARED_POLICY\?/s,
    );
  });

  it("an on-behalf-of-user volume without files.files, and files.files without one", async () => {
    const noScope = withApp((app) => {
      app.user_api_scopes = [];
    });
    expect(await deploymentProblems(appYaml, noScope)).toEqual([
      "databricks.yml: uploads run on behalf of the user, but user_api_scopes lacks files.files",
    ]);
    const allServicePrincipal = withEnv((env) => {
      const entry = env.find((e) => e.name === "FILES_UPLOADS_AUTH");
      if (entry) entry.value = "service-principal";
    });
    const problems = await deploymentProblems(allServicePrincipal, bundle);
    expect(problems).toContain(
      "databricks.yml: user_api_scopes asks for files.files, but no volume runs on behalf of the user",
    );
  });

  it("a service-principal volume whose policy writes without WRITE_VOLUME, and needless WRITE_VOLUME", async () => {
    const writesOnShared = withEnv((env) => {
      const entry = env.find((e) => e.name === "FILES_SHARED_POLICY");
      if (entry) entry.value = "allow-all";
    });
    expect(await deploymentProblems(writesOnShared, bundle)).toEqual([
      'databricks.yml: resource "shared" should have permission WRITE_VOLUME: its policy (allow-all) allows writes',
    ]);
    const readOnlyInbox = withEnv((env) => {
      const entry = env.find((e) => e.name === "FILES_INBOX_POLICY");
      if (entry) entry.value = "public-read";
    });
    expect(await deploymentProblems(readOnlyInbox, bundle)).toEqual([
      'databricks.yml: resource "inbox" should have permission READ_VOLUME: its policy (public-read) allows no writes',
    ]);
  });
});
