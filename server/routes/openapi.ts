// GET /api/openapi.json: an OpenAPI 3.1 document built from the routes' own TypeBox schemas, so
// it cannot drift from what the server validates. OpenAPI 3.1 uses JSON Schema 2020-12, which
// TypeBox schemas already are, so they go in unchanged. Routes are collected as they register
// (an onRoute hook, so this plugin is registered before them) and the document is built on the
// first request, so it costs nothing at startup.
import type { FastifyInstance, FastifySchema, RouteOptions } from "fastify";
import fp from "fastify-plugin";
import { ApiErrorBody } from "../../shared/api/errors.js";

export const OPENAPI_PATH = "/api/openapi.json";

/** What the document needs of a route; `consumes` names request body types without a schema. */
interface CollectedRoute {
  methods: string[];
  url: string;
  schema: (FastifySchema & { consumes?: string[]; produces?: string[] }) | undefined;
}

type JsonSchema = { properties?: Record<string, unknown>; required?: string[] } & Record<string, unknown>;

/** `/api/files/:volume/list` → `/api/files/{volume}/list`. */
export function openApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, "{$1}").replace(/\*$/, "{wildcard}");
}

function parameters(where: "path" | "query", schema: unknown): object[] {
  const s = schema as JsonSchema | undefined;
  return Object.entries(s?.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (s?.required ?? []).includes(name),
    schema: property,
  }));
}

function operation(route: CollectedRoute, method: string): Record<string, unknown> {
  const schema = route.schema ?? {};
  const op: Record<string, unknown> = {
    operationId: `${method.toLowerCase()}${route.url.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? "").toUpperCase())}`,
    summary: `${method} ${route.url}`,
  };
  const params = [...parameters("path", schema.params), ...parameters("query", schema.querystring)];
  if (params.length > 0) op.parameters = params;
  if (schema.body !== undefined) {
    op.requestBody = { required: true, content: { "application/json": { schema: schema.body } } };
  } else if (schema.consumes !== undefined) {
    const content = Object.fromEntries(
      schema.consumes.map((type) => [type, { schema: { type: "string", format: "binary" } }]),
    );
    op.requestBody = { required: true, content };
  }
  const responses: Record<string, unknown> = {};
  for (const [status, body] of Object.entries((schema.response ?? {}) as Record<string, unknown>)) {
    responses[status] = {
      description: `${status} response`,
      content: { "application/json": { schema: body } },
    };
  }
  // Streamed answers (NDJSON): one JSON object per line, described in the route's own file.
  if (schema.produces !== undefined && responses["200"] === undefined) {
    const content = Object.fromEntries(schema.produces.map((type) => [type, { schema: { type: "string" } }]));
    responses["200"] = { description: "Streamed, one JSON object per line", content };
  }
  if (Object.keys(responses).length === 0) responses["200"] = { description: "Success" };
  responses.default = { $ref: "#/components/responses/Error" };
  op.responses = responses;
  return op;
}

export function buildOpenApiDocument(routes: CollectedRoute[]): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const key = openApiPath(route.url);
    const item = paths[key] ?? {};
    paths[key] = item;
    for (const method of route.methods) item[method.toLowerCase()] = operation(route, method);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Volumes Browser API",
      // The API's own version: /api/files keeps AppKit's route names and shapes.
      version: "1.0.0",
      description:
        "Browse and manage files in Unity Catalog volumes. Requests that change something (POST, PUT, DELETE) need the header `X-Requested-With: volumes-browser`.",
    },
    paths,
    components: {
      schemas: { ApiError: ApiErrorBody },
      responses: {
        Error: {
          description: "Any failure, always this JSON shape",
          content: { "application/json": { schema: { $ref: "#/components/schemas/ApiError" } } },
        },
      },
    },
  };
}

async function openApiPlugin(app: FastifyInstance): Promise<void> {
  const routes: CollectedRoute[] = [];
  app.addHook("onRoute", (route: RouteOptions) => {
    if (!route.url.startsWith("/api/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ methods, url: route.url, schema: route.schema as CollectedRoute["schema"] });
  });
  let document: string | undefined;
  app.get(OPENAPI_PATH, async (_request, reply) => {
    document ??= JSON.stringify(buildOpenApiDocument(routes));
    return reply.type("application/json; charset=utf-8").header("cache-control", "no-cache").send(document);
  });
}

/** Registered on the root instance before the routes, so its hook sees every one of them. */
export const openApi = fp(openApiPlugin, { name: "openapi", fastify: "5.x" });
