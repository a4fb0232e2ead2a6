// Helpers of the whole-folder and tree-search benchmarks: files made on disk, NDJSON read as it
// arrives, and folders listed straight from the Files API emulator.
import { writeFile } from "node:fs/promises";
import { request } from "undici";
import { benchAgent } from "./transfer-client.js";
import type { BenchWorkspace, Target } from "./workspace.js";

const CONCURRENCY = 64;

export async function writeAll(files: Array<{ file: string; bytes: number }>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const item = files[next++] as { file: string; bytes: number };
      await writeFile(item.file, Buffer.alloc(item.bytes, 0x61));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Reads an NDJSON response line by line as it arrives; `onLine` sees each parsed line. */
export async function readLines<T>(url: string, target: Target, onLine: (line: T) => void): Promise<void> {
  const res = await request(url, { headers: target.headers, dispatcher: benchAgent });
  if (res.statusCode !== 200)
    throw new Error(`${url}: HTTP ${res.statusCode} ${(await res.body.text()).slice(0, 200)}`);
  let rest = "";
  res.body.setEncoding("utf8");
  for await (const chunk of res.body as AsyncIterable<string>) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop() ?? "";
    for (const part of parts) if (part) onLine(JSON.parse(part) as T);
  }
  if (rest) onLine(JSON.parse(rest) as T);
}

async function getJson(url: string, target: Target): Promise<unknown> {
  const res = await request(url, { headers: target.headers, dispatcher: benchAgent });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${url}: HTTP ${res.statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text);
}

export interface UpstreamPage {
  contents?: Array<{ name: string; is_directory?: boolean; file_size?: number; last_modified?: number }>;
  next_page_token?: string;
}

/** Every page of one folder straight from the emulator, as rows. */
export async function directFolder(
  ws: BenchWorkspace,
  rel: string,
  onPage: (page: UpstreamPage) => void,
): Promise<void> {
  const emulator = ws.emulator("sp");
  let token: string | undefined;
  do {
    const q = token ? `?page_token=${encodeURIComponent(token)}` : "";
    const page = (await getJson(
      `${emulator.base}/api/2.0/fs/directories${ws.volumePath("shared")}/${rel}${q}`,
      emulator,
    )) as UpstreamPage;
    onPage(page);
    token = page.next_page_token;
  } while (token);
}
