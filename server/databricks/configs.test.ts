import diagnostics from "node:diagnostics_channel";
import { Config } from "@databricks/sdk-experimental";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createServicePrincipalConfig } from "./configs.js";
import { sdkCredentials, userCredentials } from "./credentials.js";
import { createCurrentServicePrincipal, fetchCurrentUser } from "./current-user.js";
import { ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await startTestWorkspace();
});
afterAll(() => ws.close());

const SP_ENV_KEYS = [
  "DATABRICKS_HOST",
  "DATABRICKS_CLIENT_ID",
  "DATABRICKS_CLIENT_SECRET",
  "DATABRICKS_CONFIG_PROFILE",
];
const savedEnv = Object.fromEntries(SP_ENV_KEYS.map((k) => [k, process.env[k]]));
afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

/** Sets the variables the Databricks Apps runtime sets for the app's service principal. */
function setAppRuntimeEnv() {
  process.env.DATABRICKS_HOST = ws.emulator.url;
  process.env.DATABRICKS_CLIENT_ID = ws.principals.servicePrincipal.applicationId;
  process.env.DATABRICKS_CLIENT_SECRET = ws.principals.servicePrincipal.clientSecret;
  // A profile that doesn't exist: reading ~/.databrickscfg with it would throw.
  process.env.DATABRICKS_CONFIG_PROFILE = "no-such-profile";
}

describe("service principal config", () => {
  it("authenticates with a PAT from the environment and keeps the loopback http:// host and port", async () => {
    expect(ws.spConfig.host).toBe(ws.emulator.url);
    const me = await fetchCurrentUser({ credentials: sdkCredentials(ws.spConfig) });
    expect(me.userName).toBe(ws.principals.servicePrincipal.applicationId);
    expect((await ws.client().listPage(ROOT)).entries).toBeDefined();
  });

  it("authenticates with OAuth M2M and fetches the token once for a burst of first requests", async () => {
    const config = await createServicePrincipalConfig({
      env: {
        DATABRICKS_HOST: ws.emulator.url,
        DATABRICKS_CLIENT_ID: ws.principals.servicePrincipal.applicationId,
        DATABRICKS_CLIENT_SECRET: ws.principals.servicePrincipal.clientSecret,
      },
    });
    const client = ws.client({ credentials: sdkCredentials(config) });
    const tokenRequests = () => ws.emulator.stats.requestCount({ pathPrefix: "/oidc/v1/token" });
    const before = tokenRequests();
    await Promise.all(Array.from({ length: 8 }, () => client.directoryExists(ROOT)));
    for (let i = 0; i < 5; i++) await client.listPage(ROOT);
    expect(tokenRequests() - before).toBe(1);
    const me = await fetchCurrentUser({ credentials: sdkCredentials(config) });
    expect(me.userName).toBe(ws.principals.servicePrincipal.applicationId);
  });

  it("maps rejected M2M credentials to 502 without carrying the secret along", async () => {
    const secret = "dose-wrong-secret-0123456789";
    const config = await createServicePrincipalConfig({
      env: {
        DATABRICKS_HOST: ws.emulator.url,
        DATABRICKS_CLIENT_ID: ws.principals.servicePrincipal.applicationId,
        DATABRICKS_CLIENT_SECRET: secret,
      },
    });
    const err = await ws
      .client({ credentials: sdkCredentials(config) })
      .listPage(ROOT)
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 502, code: "UPSTREAM_AUTH_FAILED" });
    // What a log serializer would walk: the error, its cause, and their enumerable properties.
    const cause = (err as Error).cause as Error;
    const logged = JSON.stringify({ err, cause, causeMessage: cause.message });
    expect(logged).not.toContain(secret);
    expect(Object.keys(cause)).toEqual([]);
  });

  it("adds https:// to a bare host name", async () => {
    const config = await createServicePrincipalConfig({
      env: { DATABRICKS_HOST: "example.cloud.databricks.com", DATABRICKS_TOKEN: "dapi-x" },
    });
    expect(config.host).toBe("https://example.cloud.databricks.com");
  });

  it("stops startup on a missing host or conflicting credentials", async () => {
    await expect(
      createServicePrincipalConfig({
        env: { DATABRICKS_TOKEN: "dapi-x", DATABRICKS_CONFIG_FILE: "/nonexistent" },
      }),
    ).rejects.toThrow(/DATABRICKS_HOST/);
    await expect(
      createServicePrincipalConfig({
        env: {
          DATABRICKS_HOST: ws.emulator.url,
          DATABRICKS_TOKEN: "dapi-x",
          DATABRICKS_CLIENT_ID: "id",
          DATABRICKS_CLIENT_SECRET: "s",
        },
      }),
    ).rejects.toThrow(/more than one authorization method/);
  });

  it("caches currentServicePrincipal() after the first success", async () => {
    const current = createCurrentServicePrincipal({ credentials: sdkCredentials(ws.spConfig) });
    const before = ws.emulator.stats.requestCount({ pathPrefix: "/api/2.0/preview/scim" });
    const first = await current();
    const second = await current();
    expect(second).toBe(first);
    expect(first).toMatchObject({
      id: ws.principals.servicePrincipal.id,
      userName: ws.principals.servicePrincipal.applicationId,
      displayName: ws.principals.servicePrincipal.displayName,
    });
    expect(ws.emulator.stats.requestCount({ pathPrefix: "/api/2.0/preview/scim" }) - before).toBe(1);
  });
});

describe("per-user credentials", () => {
  it("authenticate as the user even with the service principal's client id/secret in the environment", async () => {
    setAppRuntimeEnv();
    // The trap this guards against: the SDK's default resolution mixes the SP's env credentials in.
    const naive = new Config({ host: ws.emulator.url, token: ws.userToken("alice") });
    await expect(naive.authenticate(new Headers())).rejects.toThrow(/more than one authorization method/);

    const me = await fetchCurrentUser({ credentials: userCredentials(ws.spConfig, ws.userToken("alice")) });
    expect(me.userName).toBe("alice@example.com");

    // Unity Catalog grants of the user apply: carol holds nothing on the volume.
    const carol = ws.client({ credentials: userCredentials(ws.spConfig, ws.userToken("carol")) });
    await expect(carol.listPage(ROOT)).rejects.toMatchObject({ status: 403, code: "PERMISSION_DENIED" });
  });

  it("send the forwarded token and nothing of the service principal's, without any I/O", async () => {
    setAppRuntimeEnv();
    const token = ws.userToken("bob");
    const credentials = userCredentials(ws.spConfig, token);
    const headers: Record<string, string> = {};
    expect(await credentials.authorize(headers)).toBe(ws.emulator.url);
    expect(headers).toEqual({ authorization: `Bearer ${token}` });
    // The service principal's own headers differ: its credentials never leak into a user's call.
    const spHeaders: Record<string, string> = {};
    await sdkCredentials(ws.spConfig).authorize(spHeaders);
    expect(spHeaders.authorization).not.toBe(headers.authorization);
  });

  it("shares one keep-alive connection with the service principal client", async () => {
    // undici frees a connection just after the body ends; a request sent in that gap opens another.
    const idle = () => new Promise((resolve) => setImmediate(resolve));
    const sp = ws.client();
    const user = ws.client({ credentials: userCredentials(ws.spConfig, ws.userToken("alice")) });
    await sp.listPage(ROOT);
    let connects = 0;
    const onConnect = () => {
      connects++;
    };
    diagnostics.subscribe("undici:client:connected", onConnect);
    try {
      // Lists, not HEADs: the emulator closes the connection after a HEAD on a directory.
      for (let i = 0; i < 10; i++) {
        await sp.listPage(ROOT);
        await idle();
        await user.listPage(ROOT);
        await idle();
      }
    } finally {
      diagnostics.unsubscribe("undici:client:connected", onConnect);
    }
    expect(connects).toBe(0);
  });

  it("refuses an empty token", () => {
    expect(() => userCredentials(ws.spConfig, "")).toThrow(/token/);
  });
});
