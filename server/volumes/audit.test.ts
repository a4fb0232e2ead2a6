import { Writable } from "node:stream";
import Fastify from "fastify";
import { describe, expect, it } from "vitest";
import { type AuditEvent, auditLog } from "./audit.js";

// A real pino logger (Fastify's) writing JSON lines into memory.
function capture() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString("utf8").split("\n")) if (text) lines.push(JSON.parse(text));
      done();
    },
  });
  const app = Fastify({ logger: { level: "info", stream } });
  return { app, lines };
}

const base: AuditEvent = {
  user: { id: "1234@567", email: "alice@example.com" },
  isServicePrincipal: false,
  executedAs: "service-principal",
  action: "upload",
  volume: "shared",
  path: "reports/q1.csv",
  outcome: "succeeded",
  status: 201,
  bytes: 42,
};

describe("auditLog", () => {
  it("writes one structured info line for a successful write", async () => {
    const { app, lines } = capture();
    auditLog(app.log, base);
    await app.close();
    const audit = lines.filter((l) => l.audit === true);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      level: 30,
      msg: "audit",
      audit: true,
      user: { id: "1234@567", email: "alice@example.com" },
      isServicePrincipal: false,
      executedAs: "service-principal",
      action: "upload",
      volume: "shared",
      path: "reports/q1.csv",
      outcome: "succeeded",
      status: 201,
      bytes: 42,
    });
  });

  it("logs denials and failures at warn with the reason, and a move's destination", async () => {
    const { app, lines } = capture();
    auditLog(app.log, {
      ...base,
      outcome: "denied",
      status: 403,
      reason: "policy users-only",
      bytes: undefined,
    });
    auditLog(app.log, {
      ...base,
      action: "move",
      destination: "archive/q1.csv",
      executedAs: "user",
      outcome: "failed",
      status: 409,
      reason: "x".repeat(2_000),
    });
    await app.close();
    const [denied, failed] = lines.filter((l) => l.audit === true);
    expect(denied).toMatchObject({ level: 40, outcome: "denied", status: 403, reason: "policy users-only" });
    expect(denied).not.toHaveProperty("bytes");
    expect(failed).toMatchObject({
      level: 40,
      action: "move",
      destination: "archive/q1.csv",
      executedAs: "user",
    });
    expect(String(failed?.reason)).toHaveLength(500);
  });

  it("never copies anything but the audit fields (a token on the event stays out of the log)", async () => {
    const { app, lines } = capture();
    const withSecrets = {
      ...base,
      token: "dapi-secret-token",
      user: { ...base.user, accessToken: "dapi-user-token" },
    };
    auditLog(app.log, withSecrets);
    await app.close();
    const text = JSON.stringify(lines);
    expect(text).not.toContain("dapi-");
    expect(text).toContain("alice@example.com");
  });

  it("works with request.log, keeping the request id on the line", async () => {
    const { app, lines } = capture();
    app.post("/x", async (request) => {
      auditLog(request.log, { ...base, isServicePrincipal: true, user: {}, outcome: "allowed" });
      return { ok: true };
    });
    const response = await app.inject({ method: "POST", url: "/x" });
    expect(response.statusCode).toBe(200);
    await app.close();
    const line = lines.find((l) => l.audit === true);
    expect(line).toMatchObject({ msg: "audit", isServicePrincipal: true, outcome: "allowed", level: 30 });
    expect(typeof line?.reqId).toBe("string");
  });
});
