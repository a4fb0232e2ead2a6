// A folder with 100,000 entries, made directly on disk (the emulator serves a local folder):
// time to the first page and to the whole listing through the proxy and the app, paging with
// the x-next-page-token header, versus paging the Files API emulator directly.
import { mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { request } from "undici";
import { type Figure, figure } from "./report.js";
import { benchAgent } from "./transfer-client.js";
import { formatMs } from "./units.js";
import type { BenchWorkspace, Target } from "./workspace.js";

const FOLDER = "big-folder";
const CONCURRENCY = 64;

async function makeEntries(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      await writeFile(path.join(dir, `entry-${String(i).padStart(6, "0")}.txt`), "");
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  // Read once so the first measured listing does not pay for a cold directory cache alone.
  await readdir(dir);
}

interface Listing {
  firstPageMs: number;
  totalMs: number;
  entries: number;
  pages: number;
}

async function getJson(
  url: string,
  target: Target,
): Promise<{ body: unknown; headers: Record<string, unknown> }> {
  const res = await request(url, { headers: target.headers, dispatcher: benchAgent });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`list: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
  return { body: JSON.parse(text), headers: res.headers };
}

async function listAll(
  page: (token?: string) => Promise<{ count: number; token?: string }>,
): Promise<Listing> {
  const started = performance.now();
  let firstPageMs = 0;
  let entries = 0;
  let pages = 0;
  let token: string | undefined;
  do {
    const result = await page(token);
    if (pages === 0) firstPageMs = performance.now() - started;
    pages++;
    entries += result.count;
    token = result.token;
  } while (token);
  return { firstPageMs, totalMs: performance.now() - started, entries, pages };
}

export async function benchBigFolder(
  ws: BenchWorkspace,
  options: { entries: number; log: (line: string) => void },
): Promise<Figure[]> {
  const made = performance.now();
  await makeEntries(path.join(ws.volumeDir("shared"), FOLDER), options.entries);
  options.log(
    `  created ${options.entries.toLocaleString("en")} files in ${((performance.now() - made) / 1000).toFixed(1)} s`,
  );

  const proxy = ws.viaProxy("alice");
  const viaApp = () =>
    listAll(async (token) => {
      const q = token ? `&pageToken=${encodeURIComponent(token)}` : "";
      const { body, headers } = await getJson(
        `${proxy.base}/api/files/shared/list?path=${FOLDER}${q}`,
        proxy,
      );
      const next = headers["x-next-page-token"];
      return { count: (body as unknown[]).length, token: typeof next === "string" ? next : undefined };
    });
  const emulator = ws.emulator("sp");
  const direct = () =>
    listAll(async (token) => {
      const q = token ? `?page_token=${encodeURIComponent(token)}` : "";
      const url = `${emulator.base}/api/2.0/fs/directories${ws.volumePath("shared")}/${FOLDER}${q}`;
      const { body } = await getJson(url, emulator);
      const page = body as { contents?: unknown[]; next_page_token?: string };
      return { count: page.contents?.length ?? 0, token: page.next_page_token };
    });

  const d = await direct();
  const cold = await viaApp();
  const warm = await viaApp();
  for (const [name, l] of [
    ["direct", d],
    ["app (cold)", cold],
    ["app (cached)", warm],
  ] as const) {
    if (l.entries !== options.entries)
      throw new Error(`${name}: listed ${l.entries} of ${options.entries} entries`);
  }
  const section = `folder of ${options.entries.toLocaleString("en")} entries`;
  const summary = (l: Listing) =>
    `first page ${formatMs(l.firstPageMs)}, all ${l.pages} pages ${formatMs(l.totalMs)}`;
  return [
    figure(section, "via proxy + app, cold cache", summary(cold), { ...cold }),
    figure(section, "via proxy + app, again (cached pages)", summary(warm), { ...warm }),
    figure(section, "emulator directly", summary(d), { ...d }),
    figure(
      section,
      "app overhead on the full listing (cold)",
      `${formatMs(cold.totalMs - d.totalMs)} (${((cold.totalMs / d.totalMs - 1) * 100).toFixed(0)}%)`,
      {
        overheadMs: cold.totalMs - d.totalMs,
      },
    ),
  ];
}
