// The error catalogue: every code answers with its status and the ApiErrorBody shape through the
// real error handler, every code has a factory, and no module builds an AppError of its own.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { upstreamFailure } from "../databricks/upstream-error.js";
import type { AppError } from "./app-error.js";
import * as catalogue from "./catalogue.js";
import { ERROR_CODES, UPSTREAM_CODES } from "./catalogue.js";
import { errorHandler } from "./error-handler.js";

/** One sample call of every factory the catalogue exports. */
const SAMPLES: Record<string, () => AppError> = {
  badRequest: () => catalogue.badRequest("The form is malformed."),
  invalidPath: () => catalogue.invalidPath("Invalid path: a '..' segment."),
  invalidPageToken: () => catalogue.invalidPageToken(),
  invalidChunk: () => catalogue.invalidChunk("A chunk needs at least one byte."),
  uploadTokenInvalid: () => catalogue.uploadTokenInvalid(),
  uploadReceiptInvalid: () => catalogue.uploadReceiptInvalid(),
  uploadIncomplete: () => catalogue.uploadIncomplete(new Error("socket hang up")),
  unauthorized: () => catalogue.unauthorized(),
  identityMismatch: () => catalogue.identityMismatch(),
  identityUnverifiable: () => catalogue.identityUnverifiable(new Error("403")),
  policyDenied: () => catalogue.policyDenied("upload", "shared"),
  adminsOnly: () => catalogue.adminsOnly(),
  csrfRejected: () => catalogue.csrfRejected("The request did not come from this app's pages."),
  uploadNotYours: () => catalogue.uploadNotYours(),
  notFound: () => catalogue.notFound(),
  volumeNotFound: () => catalogue.volumeNotFound("nope", ["shared", "uploads"]),
  uploadTooSlow: () => catalogue.uploadTooSlow(1024, 30_000),
  uploadStalled: () => catalogue.uploadStalled(30_000),
  conflict: () => catalogue.conflict('A file already exists at "a.txt".'),
  directoryNotEmpty: () => catalogue.directoryNotEmpty(new Error("not empty")),
  offsetMismatch: () => catalogue.offsetMismatch(4096),
  sessionLost: () => catalogue.sessionLost(),
  uploadExpired: () => catalogue.uploadExpired(),
  lengthRequired: () => catalogue.lengthRequired(),
  preconditionFailed: () => catalogue.preconditionFailed(),
  payloadTooLarge: () => catalogue.payloadTooLarge(1_000_000, { limitLabel: "1 MB" }),
  tooLarge: () => catalogue.tooLarge("The chunk goes beyond the declared size."),
  fileTooLarge: () => catalogue.fileTooLarge(10),
  tooManyEntries: () => catalogue.tooManyEntries("The folder holds more than 10 entries."),
  tooManyFiles: () => catalogue.tooManyFiles(1000),
  tooManyFields: () => catalogue.tooManyFields(100),
  tooManyParts: () => catalogue.tooManyParts(1100),
  rangeNotSatisfiable: () => catalogue.rangeNotSatisfiable(42),
  tooManyRequests: () => catalogue.tooManyRequests("Slow down."),
  requestAborted: () => catalogue.requestAborted("GET download"),
  clientGone: () => catalogue.clientGone(),
  internal: () => catalogue.internal(),
  configError: () => catalogue.configError("The Databricks host is not configured."),
  shuttingDown: () => catalogue.shuttingDown(),
  uploadsBusy: () => catalogue.uploadsBusy(),
  parserRefusal: () => catalogue.parserRefusal(413, "reach files limit", new Error("limit")),
};

/** Headers a code must carry. */
const HEADERS: Record<string, Record<string, string>> = {
  offsetMismatch: { "upload-committed": "4096" },
  rangeNotSatisfiable: { "content-range": "bytes */42" },
  uploadsBusy: { "retry-after": "1" },
};

async function answer(err: unknown) {
  const app = Fastify({ logger: false });
  await app.register(errorHandler);
  app.get("/", async () => {
    throw err;
  });
  const res = await app.inject({ method: "GET", url: "/" });
  await app.close();
  return res;
}

describe("error catalogue", () => {
  const factories = Object.entries(catalogue).filter(([, value]) => typeof value === "function");

  it("has a sample for every factory it exports", () => {
    expect(factories.map(([name]) => name).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it.each(Object.entries(SAMPLES))(
    "%s answers with its code's status and the error body",
    async (name, make) => {
      const err = make();
      const entry = ERROR_CODES[err.code as keyof typeof ERROR_CODES];
      expect(entry, `${err.code} is in the catalogue`).toBeDefined();
      expect(err.status).toBe(entry.status);
      const res = await answer(err);
      expect(res.statusCode).toBe(entry.status);
      const body = res.json();
      expect(body).toMatchObject({
        code: err.code,
        status: entry.status,
        message: err.message,
        error: err.message,
      });
      expect(typeof body.requestId).toBe("string");
      expect(body.message).not.toMatch(/Bearer|dapi|https?:\/\//);
      for (const [header, value] of Object.entries(HEADERS[name] ?? {}))
        expect(res.headers[header]).toBe(value);
    },
  );

  it("has a factory for every code it lists (Fastify's own answers aside)", () => {
    const produced = new Set(Object.values(SAMPLES).map((make) => make().code));
    const fastifyOnly = new Set(Object.values(catalogue.CODES_BY_STATUS));
    const missing = Object.keys(ERROR_CODES).filter(
      (code) => !produced.has(code) && !fastifyOnly.has(code as never),
    );
    expect(missing).toEqual([]);
  });

  it.each(Object.entries(catalogue.CODES_BY_STATUS))(
    "Fastify's own %s answers under %s with its catalogue status",
    async (status, code) => {
      const err = Object.assign(new Error("Fastify refused the request."), {
        statusCode: Number(status),
        code: "FST_TEST",
      });
      const res = await answer(err);
      expect(ERROR_CODES[code].status).toBe(Number(status));
      expect(res.statusCode).toBe(Number(status));
      expect(res.json()).toMatchObject({ code, status: Number(status), message: err.message });
    },
  );

  it.each(Object.entries(UPSTREAM_CODES))("upstream %s answers %s", async (code, entry) => {
    const res = await answer(upstreamFailure(code as keyof typeof UPSTREAM_CODES, "The Files API failed."));
    expect(res.statusCode).toBe(entry.status);
    expect(res.json()).toMatchObject({ code, status: entry.status });
  });

  it("is the only place an AppError is built (outside tests)", async () => {
    const serverDir = path.resolve(import.meta.dirname, "..");
    const offenders: string[] = [];
    for (const name of await readdir(serverDir, { recursive: true })) {
      if (!name.endsWith(".ts") || name.endsWith(".test.ts") || name.includes("test-support")) continue;
      if (name === path.join("errors", "catalogue.ts")) continue;
      if (/new AppError\(/.test(await readFile(path.join(serverDir, name), "utf8"))) offenders.push(name);
    }
    expect(offenders).toEqual([]);
  });
});
