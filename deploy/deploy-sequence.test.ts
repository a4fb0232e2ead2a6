// The Databricks Apps deploy sequence from a clean copy: npm ci, npm run build, then app.yaml's
// command with exactly the environment the platform sets, against the local workspace's Files API
// emulator (OAuth M2M, over TLS because a bare DATABRICKS_HOST means https://), browsed through
// the local Apps proxy as a demo user. The install and build run once; each host form then starts
// the same build.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AppManifest, loadAppManifest } from "../local-workspace/app-manifest.js";
import { type Emulator, startEmulator, volumeDir } from "../local-workspace/emulator/index.js";
import { createTestCertificate, type TestCertificate } from "../local-workspace/emulator/test-support/tls.js";
import { freePort } from "../local-workspace/free-port.js";
import {
  createPrincipals,
  ensureVolumes,
  type PrincipalsFile,
  writePrincipals,
} from "../local-workspace/principals.js";
import { type AppsProxy, startProxy } from "../local-workspace/proxy/index.js";
import { listensOnAllInterfaces, type RunningDeployedApp, startDeployedApp } from "./support/app-runner.js";
import { copyProjectFiles, runCommand } from "./support/clean-copy.js";
import { PROJECT_DIR } from "./support/project.js";
import {
  bareSpecifiers,
  listJavaScript,
  packageName,
  runtimeImportProblems,
} from "./support/runtime-imports.js";

const MINUTE = 60_000;
/** "Starts in a few seconds": generous for a shared CI machine, far below the platform's patience. */
const STARTUP_BUDGET_MS = 10_000;

let root: string;
let appDir: string;
let cert: TestCertificate;
let manifest: AppManifest;
let principals: PrincipalsFile;
let emulator: Emulator;
const timings: Record<string, number> = {};

/** The build tools' environment: the runner's, minus anything that could point at a workspace. */
function toolEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) if (/^(DATABRICKS_|FILES_)/.test(name)) delete env[name];
  return env;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "deploy-sequence-"));
  appDir = path.join(root, "app");
  await copyProjectFiles(PROJECT_DIR, appDir);
  const env = toolEnv();
  timings.install = (
    await runCommand("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: appDir,
      env,
      timeoutMs: 4 * MINUTE,
    })
  ).ms;
  timings.build = (await runCommand("npm", ["run", "build"], { cwd: appDir, env, timeoutMs: 4 * MINUTE })).ms;

  cert = await createTestCertificate();
  manifest = await loadAppManifest(appDir);
  const workspaceDir = path.join(root, "workspace");
  await mkdir(workspaceDir);
  principals = createPrincipals();
  ensureVolumes(
    principals,
    manifest.volumes.map((v) => ({
      fullName: v.fullName,
      servicePrincipalPrivileges:
        v.permission === "WRITE_VOLUME" ? ["READ_VOLUME", "WRITE_VOLUME"] : ["READ_VOLUME"],
    })),
  );
  await writePrincipals(workspaceDir, principals);
  const shared = manifest.volumes.find((v) => v.resourceName === "shared");
  const [catalog = "", schema = "", volume = ""] = (shared?.fullName ?? "").split(".");
  await mkdir(volumeDir(workspaceDir, catalog, schema, volume), { recursive: true });
  await writeFile(path.join(volumeDir(workspaceDir, catalog, schema, volume), "hello.txt"), "hello\n");
  emulator = await startEmulator({ workspaceDir, tls: { key: cert.key, cert: cert.cert } });
}, 9 * MINUTE);

afterAll(async () => {
  await emulator?.close();
  await cert?.dispose();
  if (root) await rm(root, { recursive: true, force: true });
  console.log(`deploy sequence timings (ms): ${JSON.stringify(timings)}`);
});

/** Exactly what Databricks Apps sets, plus app.yaml's env, PATH and HOME. */
function databricksAppsEnv(host: string, port: number, home: string): Record<string, string> {
  const sp = principals.servicePrincipal;
  return {
    ...manifest.env,
    DATABRICKS_HOST: host,
    DATABRICKS_APP_PORT: String(port),
    DATABRICKS_CLIENT_ID: sp.applicationId,
    DATABRICKS_CLIENT_SECRET: sp.clientSecret,
    DATABRICKS_APP_NAME: "volumes-browser",
    DATABRICKS_WORKSPACE_ID: principals.workspaceId,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: home,
    // Test-only: trusts the emulator's self-signed certificate. Nothing else is added.
    NODE_EXTRA_CA_CERTS: cert.certFile,
  };
}

async function deploy(host: string): Promise<{ app: RunningDeployedApp; proxy: AppsProxy; port: number }> {
  const port = await freePort();
  const home = await mkdtemp(path.join(root, "home-"));
  const app = await startDeployedApp({
    command: manifest.command,
    cwd: appDir,
    env: databricksAppsEnv(host, port, home),
    port,
    readyTimeoutMs: 60_000,
  });
  const proxy = await startProxy({
    appUrl: app.url,
    principals: () => principals,
    timeoutMs: 30_000,
    // The bundle's user_api_scopes decide the user token, as on Databricks Apps.
    userAuthorization: {
      scopes: manifest.userApiScopes,
      issue: (user, scopes) => emulator.issueUserToken(user.userName, scopes),
    },
  });
  return { app, proxy, port };
}

const alice = { authorization: `Basic ${Buffer.from("alice:").toString("base64")}` };

async function get(proxy: AppsProxy, pathname: string, accept = "application/json") {
  const res = await fetch(`${proxy.url}${pathname}`, { headers: { ...alice, accept } });
  return { status: res.status, text: await res.text() };
}

/** Starts the build with `host`, browses it as alice through the proxy, stops it. */
async function deployAndBrowse(form: string, host: string): Promise<void> {
  const { app, proxy, port } = await deploy(host);
  try {
    timings[`startup (${form})`] = app.startupMs;
    expect(app.startupMs, app.output()).toBeLessThan(STARTUP_BUDGET_MS);
    expect(await listensOnAllInterfaces(port)).toBe(true);

    expect((await get(proxy, "/health")).status).toBe(200);
    const volumes = await get(proxy, "/api/files/volumes");
    expect(volumes.status, volumes.text).toBe(200);
    expect((JSON.parse(volumes.text) as { volumes: string[] }).volumes.sort()).toEqual([
      "inbox",
      "shared",
      "uploads",
    ]);

    const listing = await get(proxy, "/api/files/shared/list?path=");
    expect(listing.status, listing.text).toBe(200);
    expect((JSON.parse(listing.text) as Array<{ name: string }>).map((e) => e.name)).toContain("hello.txt");
    // The on-behalf-of-user volume: alice's forwarded token reaches the emulator over TLS.
    const asUser = await get(proxy, "/api/files/uploads/list?path=");
    expect(asUser.status, asUser.text).toBe(200);

    const shell = await get(proxy, "/", "text/html");
    expect(shell.status).toBe(200);
    expect(shell.text).toContain('<div id="root">');
  } finally {
    await proxy.close();
    const stopMs = await app.stop();
    expect(stopMs, "Databricks Apps kills the app 15 s after SIGTERM").toBeLessThan(15_000);
  }
}

describe("the Databricks Apps deploy sequence from a clean copy", () => {
  it(
    "runs with DATABRICKS_HOST as https://host:port",
    async () => {
      await deployAndBrowse("https://", emulator.url);
    },
    2 * MINUTE,
  );

  it(
    "runs with DATABRICKS_HOST as a bare host name (meaning https://)",
    async () => {
      await deployAndBrowse("bare host", emulator.url.replace(/^https:\/\//, ""));
    },
    2 * MINUTE,
  );

  it("imports at runtime only packages from dependencies", async () => {
    const pkg = JSON.parse(await readFile(path.join(appDir, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const files = [
      ...(await listJavaScript(path.join(appDir, "dist/server"))),
      ...(await listJavaScript(path.join(appDir, "dist/shared"))),
      path.join(appDir, "scripts/start.mjs"),
      path.join(appDir, "scripts/build-state.mjs"),
    ];
    expect(files.length).toBeGreaterThan(20);
    expect(await runtimeImportProblems(appDir, files, new Set(Object.keys(pkg.dependencies)))).toEqual([]);
    // And nothing more: a dependency nothing imports at runtime belongs in devDependencies.
    const imported = new Set<string>();
    for (const file of files) {
      for (const specifier of bareSpecifiers(await readFile(file, "utf8")))
        imported.add(packageName(specifier));
    }
    expect(Object.keys(pkg.dependencies).filter((name) => !imported.has(name))).toEqual([]);
  });

  it("bundles no TypeBox into the SPA (it takes header names from shared/http-headers.ts)", async () => {
    const assets = await listJavaScript(path.join(appDir, "dist/client"));
    expect(assets.length).toBeGreaterThan(0);
    for (const file of assets) {
      expect(await readFile(file, "utf8"), path.relative(appDir, file)).not.toMatch(/TypeBoxError|"~kind"/);
    }
  });

  it("builds nothing of the local workspace into dist/ (it is a development tool)", async () => {
    const built = await readdir(path.join(appDir, "dist"), { recursive: true });
    expect(built.filter((name) => /local-workspace|emulator/.test(name))).toEqual([]);
    for (const file of await listJavaScript(path.join(appDir, "dist"))) {
      const text = await readFile(file, "utf8");
      expect(text, path.relative(appDir, file)).not.toMatch(/local-workspace\//);
    }
  });

  it(
    "still starts and serves after npm prune --omit=dev (dist/ plus dependencies suffice)",
    async () => {
      await runCommand("npm", ["prune", "--omit=dev", "--no-audit", "--no-fund"], {
        cwd: appDir,
        env: toolEnv(),
        timeoutMs: 2 * MINUTE,
      });
      await deployAndBrowse("pruned", emulator.url);
    },
    3 * MINUTE,
  );
});

describe("npm start against a real workspace, locally (as databricks apps run-local expects)", () => {
  const pat = () => principals.servicePrincipal.token;
  it.each([
    [
      "DATABRICKS_HOST and DATABRICKS_TOKEN",
      async () => ({ DATABRICKS_HOST: emulator.url, DATABRICKS_TOKEN: pat() }),
    ],
    [
      "DATABRICKS_CONFIG_PROFILE",
      async (home: string) => {
        await writeFile(
          path.join(home, ".databrickscfg"),
          `[dev]\nhost = ${emulator.url}\ntoken = ${pat()}\n`,
        );
        return { DATABRICKS_CONFIG_PROFILE: "dev" };
      },
    ],
  ])(
    "runs only the app with %s",
    async (_, credentials: (home: string) => Promise<Record<string, string>>) => {
      const port = await freePort();
      const home = await mkdtemp(path.join(root, "home-"));
      const app = await startDeployedApp({
        command: ["npm", "start"],
        cwd: appDir,
        env: {
          ...manifest.env,
          ...(await credentials(home)),
          DATABRICKS_APP_PORT: String(port),
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          HOME: home,
          NODE_EXTRA_CA_CERTS: cert.certFile,
        },
        port,
        readyTimeoutMs: 60_000,
      });
      try {
        // No proxy in front: the call has no user headers and runs as the token's identity.
        const res = await fetch(`${app.url}/api/files/shared/list?path=`);
        const text = await res.text();
        expect(res.status, text).toBe(200);
        expect(text).toContain("hello.txt");
        expect(existsSync(path.join(appDir, ".local-workspace")), "no local workspace was started").toBe(
          false,
        );
      } finally {
        await app.stop();
      }
    },
    MINUTE,
  );
});
