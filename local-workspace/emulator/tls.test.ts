// The emulator over HTTPS: what a bare DATABRICKS_HOST (which the SDK reads as https://) needs.
import http from "node:http";
import { Config } from "@databricks/sdk-experimental";
import { Agent, request } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkCredentials } from "../../server/databricks/credentials.js";
import { createFilesClient } from "../../server/databricks/files-client.js";
import { dirsUrl } from "./test-support/http.js";
import { createTestCertificate, type TestCertificate } from "./test-support/tls.js";
import { MAIN_ROOT, startTestWorkspace, type TestWorkspace } from "./test-support/workspace.js";

let cert: TestCertificate;
let ws: TestWorkspace;
let dispatcher: Agent;

beforeAll(async () => {
  cert = await createTestCertificate();
  ws = await startTestWorkspace({ tls: { key: cert.key, cert: cert.cert } });
  // Trusts only the test certificate: proves the emulator presents it for 127.0.0.1.
  dispatcher = new Agent({ connect: { ca: cert.cert } });
});
afterAll(async () => {
  await dispatcher?.close();
  await ws?.close();
  await cert?.dispose();
});

async function getJson(
  path: string,
  init: { method?: "GET" | "POST"; headers?: Record<string, string>; body?: string } = {},
) {
  const res = await request(`${ws.emulator.url}${path}`, { dispatcher, ...init });
  return { status: res.statusCode, json: (await res.body.json()) as Record<string, unknown> };
}

describe("the emulator with tls", () => {
  it("serves https:// and names https endpoints in the OAuth discovery document", async () => {
    expect(ws.emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const discovery = await getJson("/oidc/.well-known/oauth-authorization-server");
    expect(discovery.status).toBe(200);
    expect(discovery.json.token_endpoint).toBe(`${ws.emulator.url}/oidc/v1/token`);
  });

  it("issues an OAuth M2M token over TLS that the Files API accepts", async () => {
    const sp = ws.principals.servicePrincipal;
    const token = await getJson("/oidc/v1/token", {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${sp.applicationId}:${sp.clientSecret}`).toString("base64")}`,
        "content-type": "application/x-www-form-urlencoded",
      },
      body: "grant_type=client_credentials&scope=all-apis",
    });
    expect(token.status).toBe(200);
    const listing = await request(`${ws.emulator.url}${dirsUrl(MAIN_ROOT)}`, {
      dispatcher,
      headers: { authorization: `Bearer ${String(token.json.access_token)}` },
    });
    expect(listing.statusCode).toBe(200);
    await listing.body.dump();
  });

  it("is reached by the Files client from a bare host name (no scheme means https)", async () => {
    const host = ws.emulator.url.slice("https://".length);
    const config = new Config({ host, token: ws.tokens.sp, authType: "pat", loaders: [], env: {} });
    await config.ensureResolved();
    expect(config.host).toBe(ws.emulator.url);
    const files = createFilesClient({ credentials: sdkCredentials(config), dispatcher, retries: { max: 0 } });
    expect(await files.directoryExists(MAIN_ROOT)).toBe(true);
  });

  it("does not answer plain HTTP", async () => {
    const plain = ws.emulator.url.replace("https://", "http://");
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get(`${plain}/oidc/.well-known/oauth-authorization-server`, (res) => {
        res.resume();
        resolve(`status ${res.statusCode}`);
      });
      req.on("error", () => resolve("error"));
      req.setTimeout(5000, () => req.destroy());
    });
    expect(outcome).not.toBe("status 200");
  });
});
