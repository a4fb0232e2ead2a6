// /api/openapi.json lists every /api/ route the app registers, with each of its methods, and
// carries the routes' own schemas.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestStack, type TestStack } from "../test-support/stack.js";
import { openApiPath } from "./openapi.js";

interface OpenApiDocument {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters?: Array<{ name: string; in: string; required: boolean }> }>
  >;
}

/** Every route as Fastify itself reports it (printRoutes' tree), independent of our hook. */
function registeredRoutes(tree: string): Array<{ url: string; method: string }> {
  const routes: Array<{ url: string; method: string }> = [];
  const stack: string[] = [];
  for (const line of tree.split("\n")) {
    const match = /^([│ ]*)[├└]── (\S+)(?: \(([^)]+)\))?/.exec(line);
    if (!match) continue;
    const depth = (match[1] ?? "").length / 4;
    stack.length = depth;
    const url = `${stack.join("")}${match[2]}`;
    stack.push(match[2] ?? "");
    for (const method of (match[3] ?? "").split(",").map((m) => m.trim())) {
      if (method) routes.push({ url, method });
    }
  }
  return routes;
}

describe("GET /api/openapi.json", () => {
  let stack: TestStack;
  let doc: OpenApiDocument;
  beforeAll(async () => {
    stack = await startTestStack({ seed: false });
    const res = await stack.fetch("alice", "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    doc = (await res.json()) as OpenApiDocument;
  });
  afterAll(() => stack?.close());

  it("has every registered /api/ route with each of its methods", () => {
    const routes = registeredRoutes(stack.app.printRoutes({ commonPrefix: false })).filter((r) =>
      r.url.startsWith("/api/"),
    );
    // The routes everyone relies on are among them (the tree parse did not silently find nothing).
    expect(routes).toEqual(
      expect.arrayContaining([
        { url: "/api/files/:volume/list", method: "GET" },
        { url: "/api/files/:volume/upload", method: "POST" },
        { url: "/api/files/:volume", method: "DELETE" },
        { url: "/api/me", method: "GET" },
      ]),
    );
    const missing = routes.filter(
      (r) => doc.paths[openApiPath(r.url)]?.[r.method.toLowerCase()] === undefined,
    );
    expect(missing).toEqual([]);
    expect(doc.openapi).toBe("3.1.0");
  });

  it("documents parameters and bodies from the routes' schemas", () => {
    const list = doc.paths["/api/files/{volume}/list"]?.get;
    expect(list?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "volume", in: "path", required: true }),
        expect.objectContaining({ name: "path", in: "query", required: false }),
      ]),
    );
    const upload = doc.paths["/api/files/{volume}/upload"]?.post as Record<string, unknown> | undefined;
    const uploadBody = upload?.requestBody as { content: object } | undefined;
    expect(Object.keys(uploadBody?.content ?? {})).toEqual([
      "application/octet-stream",
      "multipart/form-data",
    ]);
    const mkdir = doc.paths["/api/files/{volume}/mkdir"]?.post as Record<string, unknown> | undefined;
    expect(mkdir?.requestBody).toMatchObject({
      content: { "application/json": { schema: { type: "object" } } },
    });
  });
});
