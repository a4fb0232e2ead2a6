import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { routedPath, spa } from "./spa.js";

describe("spa fallback", () => {
  let app: FastifyInstance;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "spa-test-"));
    await writeFile(path.join(dir, "index.html"), '<div id="root"></div>');
    app = Fastify();
    await app.register(spa, { clientDir: dir });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves the page for a deep link", async () => {
    const res = await app.inject({ url: "/browse/shared/reports" });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="root"');
  });

  it.each(["/api/nothing", "/%61pi/nothing", "//api/nothing", "/API/nothing", "/assets/missing.js"])(
    "answers %s with the API's JSON 404, whatever its spelling",
    async (url) => {
      const res = await app.inject({ url });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: "NOT_FOUND", status: 404 });
    },
  );

  it("keeps malformed escapes from throwing", () => {
    expect(routedPath("/%E0%A4%A/x?y=1")).toBe("/%e0%a4%a/x");
  });
});
