// One soak worker: a demo user doing random browse, preview, upload, download and delete through
// the Apps proxy until the deadline, each answer checked against soak-model.ts. Downloads of the
// worker's own uploads must return the very bytes it sent.
import { createHash, randomBytes, randomInt } from "node:crypto";
import { Agent, request } from "undici";
import { FILES, FOLDERS, mayRead, mayWrite, uploadTarget, VOLUMES, type Volume } from "./soak-model.js";
import type { DemoUser, Target } from "./workspace.js";

export type Op = "browse" | "preview" | "upload" | "download" | "delete";

export interface OpResult {
  op: Op;
  user: DemoUser;
  volume: Volume;
  path: string;
  expected: number;
  status: number;
  ms: number;
  /** Why a result did not match, beyond the status. */
  problem?: string;
}

interface OwnFile {
  volume: Volume;
  rel: string;
  size: number;
  sha256: string;
}

const agent = new Agent({ keepAliveTimeout: 10_000, connections: 32 });
const pick = <T>(items: readonly T[]): T => items[randomInt(items.length)] as T;
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const OPS: Array<[Op, number]> = [
  ["browse", 35],
  ["preview", 20],
  ["download", 20],
  ["upload", 15],
  ["delete", 10],
];

function pickOp(): Op {
  let roll = randomInt(100);
  for (const [op, weight] of OPS) {
    if (roll < weight) return op;
    roll -= weight;
  }
  return "browse";
}

async function call(
  target: Target,
  method: "GET" | "POST" | "DELETE",
  url: string,
  body?: Buffer,
): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...target.headers };
  if (method !== "GET") headers["x-requested-with"] = "volumes-browser";
  if (body) headers["content-type"] = "application/octet-stream";
  const res = await request(`${target.base}${url}`, {
    method,
    headers,
    body,
    dispatcher: agent,
    headersTimeout: 60_000,
    bodyTimeout: 60_000,
  });
  return { status: res.statusCode, body: Buffer.from(await res.body.arrayBuffer()), headers: res.headers };
}

export class SoakWorker {
  private readonly own: OwnFile[] = [];
  private uploads = 0;

  constructor(
    readonly user: DemoUser,
    readonly id: number,
    private readonly target: Target,
    private readonly sizeOnDisk: (volume: Volume, rel: string) => Promise<number | undefined>,
  ) {}

  async run(until: number, report: (r: OpResult) => void): Promise<void> {
    while (Date.now() < until) {
      const op = pickOp();
      const started = performance.now();
      try {
        const result = await this[op]();
        report({ ...result, op, user: this.user, ms: performance.now() - started });
      } catch (err) {
        report({
          op,
          user: this.user,
          volume: "shared",
          path: "?",
          expected: 0,
          status: 0,
          ms: performance.now() - started,
          problem: `request failed: ${err instanceof Error ? err.message : String(err)}`,
        });
      }
    }
  }

  private url(volume: Volume, route: string, rel: string, extra = ""): string {
    const base = route ? `/api/files/${volume}/${route}` : `/api/files/${volume}`;
    return `${base}?path=${encodeURIComponent(rel)}${extra}`;
  }

  private async browse(): Promise<Omit<OpResult, "op" | "user" | "ms">> {
    const volume = pick(VOLUMES);
    const rel = pick(FOLDERS[volume]);
    const expected = mayRead(this.user, volume) ? 200 : 403;
    const res = await call(this.target, "GET", this.url(volume, "list", rel, "&pageSize=500"));
    let problem: string | undefined;
    if (res.status === 200 && !Array.isArray(JSON.parse(res.body.toString()))) problem = "not a list";
    return { volume, path: rel, expected, status: res.status, problem };
  }

  private async preview(): Promise<Omit<OpResult, "op" | "user" | "ms">> {
    const volume = pick(VOLUMES);
    const rel = pick(FILES[volume]);
    const expected = mayRead(this.user, volume) ? 200 : 403;
    const res = await call(this.target, "GET", this.url(volume, "preview", rel));
    return { volume, path: rel, expected, status: res.status };
  }

  private async download(): Promise<Omit<OpResult, "op" | "user" | "ms">> {
    const mine = this.own.length > 0 && randomInt(2) === 0 ? pick(this.own) : undefined;
    if (mine) {
      const res = await call(this.target, "GET", this.url(mine.volume, "download", mine.rel));
      const intact = res.body.length === mine.size && sha256(res.body) === mine.sha256;
      const problem = res.status === 200 && !intact ? "downloaded bytes differ from the upload" : undefined;
      return { volume: mine.volume, path: mine.rel, expected: 200, status: res.status, problem };
    }
    const volume = pick(VOLUMES);
    const rel = pick(FILES[volume]);
    const expected = mayRead(this.user, volume) ? 200 : 403;
    const res = await call(this.target, "GET", this.url(volume, "download", rel));
    let problem: string | undefined;
    if (res.status === 200) {
      const size = await this.sizeOnDisk(volume, rel);
      if (size !== res.body.length) problem = `downloaded ${res.body.length} bytes of ${size}`;
    }
    return { volume, path: rel, expected, status: res.status, problem };
  }

  private async upload(): Promise<Omit<OpResult, "op" | "user" | "ms">> {
    const volume = pick(VOLUMES);
    const rel = uploadTarget(this.user, this.id, volume, this.uploads++, randomInt(4) !== 0);
    const expected = mayWrite(this.user, volume, rel) ? 200 : 403;
    // Mostly small files, sometimes a few MiB.
    const body = randomBytes(randomInt(10) === 0 ? randomInt(1, 8 * 1024 * 1024) : randomInt(1, 256 * 1024));
    const res = await call(this.target, "POST", this.url(volume, "upload", rel, "&overwrite=true"), body);
    if (res.status === 200) this.own.push({ volume, rel, size: body.length, sha256: sha256(body) });
    return { volume, path: rel, expected, status: res.status };
  }

  private async delete(): Promise<Omit<OpResult, "op" | "user" | "ms">> {
    const mine =
      this.own.length > 0 && randomInt(5) !== 0
        ? this.own.splice(randomInt(this.own.length), 1)[0]
        : undefined;
    if (mine) {
      const res = await call(this.target, "DELETE", this.url(mine.volume, "", mine.rel));
      return { volume: mine.volume, path: mine.rel, expected: 200, status: res.status };
    }
    // A seeded file where this user may not write: must be refused (and so stays for the others).
    const volume = pick(VOLUMES.filter((v) => FILES[v].every((f) => !mayWrite(this.user, v, f))));
    const rel = pick(FILES[volume]);
    const res = await call(this.target, "DELETE", this.url(volume, "", rel));
    return { volume, path: rel, expected: 403, status: res.status };
  }
}
