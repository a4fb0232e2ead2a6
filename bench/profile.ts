// `npm run profile`: a CPU profile of the app (node --cpu-prof) under load on each hot path:
// cached list, uncached SP list, on-behalf-of-user list, upload, download and zip. Each path gets
// its own app process, so each profile holds that path and nothing else; the summaries (busy
// time, self and inclusive time per function, time per package) are printed, written next to
// the raw profiles in bench-results/profiles/, and quoted in docs/performance.md.
//
//   npm run profile [-- --only uncached-list,upload] [--seconds 8]
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { type HotPath, parseProfileArgs } from "./args.js";
import { PROJECT_DIR } from "./build.js";
import { monotonicUs, profileMarkdown, summarizeProfileFile } from "./cpu-profile-summary.js";
import { cannon, FOLDER, makeListFolder } from "./lists.js";
import { readCpuMs } from "./process-stats.js";
import {
  atOnce,
  generatedFile,
  startRemoteTransfers,
  type TransferResult,
  type Transfers,
} from "./transfer-client.js";
import { formatBytes } from "./units.js";
import { type RunningApp, startBenchWorkspace } from "./workspace.js";

const CONCURRENCY = 8;
const FILE_SIZE = 32 * 1024 ** 2;

interface Done {
  work: string;
  units: number;
  unitName: string;
  fromUs: number;
}

interface Load {
  env: Record<string, string>;
  /**
   * Warms the path up, then runs the load against `app` for about `seconds`; returns what the
   * measured part did and when it began (monotonicUs), so startup and warm-up stay out.
   */
  run(app: RunningApp, seconds: number): Promise<Done>;
}

function listLoad(volume: string, env: Record<string, string> = {}): Load {
  return {
    env,
    async run(app, seconds) {
      const target = app.direct("alice");
      const url = `${target.base}/api/files/${volume}/list?path=${FOLDER}`;
      await cannon(url, target.headers, 1, 1); // warm
      const fromUs = monotonicUs();
      const result = await cannon(url, target.headers, 50, seconds);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`list: ${result.non2xx} non-2xx`);
      const requests = Math.round(result.rps * seconds);
      return {
        work: `${requests.toLocaleString("en")} list requests at 50 connections`,
        units: requests / 1000,
        unitName: "1,000 requests",
        fromUs,
      };
    },
  };
}

/** Rounds of `width` transfers at once (one round to warm up) until `seconds` have passed. */
async function transferRounds(seconds: number, width: number, one: (i: number) => Promise<TransferResult>) {
  const round = async () => (await atOnce(width, one)).reduce((sum, r) => sum + r.bytes, 0);
  await round();
  const fromUs = monotonicUs();
  const until = Date.now() + seconds * 1000;
  let bytes = 0;
  while (Date.now() < until) bytes += await round();
  return {
    fromUs,
    work: `${formatBytes(bytes)} in rounds of ${width} × ${formatBytes(FILE_SIZE)}`,
    units: bytes / 1024 ** 3,
    unitName: "GiB",
  };
}

function loads(client: Transfers): Record<HotPath, Load> {
  const fileUrl = (base: string, op: string, name: string, query = "") =>
    `${base}/api/files/uploads/${op}?path=${encodeURIComponent(`profile/${name}`)}${query}`;
  return {
    "cached-list": listLoad("shared"),
    "uncached-list": listLoad("shared", { FILES_CACHE_TTL: "0" }),
    "obo-list": listLoad("uploads"),
    upload: {
      env: {},
      run(app, seconds) {
        const t = app.direct("alice");
        const headers = { ...t.headers, "x-requested-with": "volumes-browser" };
        return transferRounds(seconds, CONCURRENCY, (i) =>
          client.upload(
            fileUrl(t.base, "upload", `up-${i}.bin`, "&overwrite=true"),
            "POST",
            headers,
            FILE_SIZE,
          ),
        );
      },
    },
    download: {
      env: {},
      run(app, seconds) {
        const t = app.direct("alice");
        return transferRounds(seconds, CONCURRENCY, (i) =>
          client.download(fileUrl(t.base, "download", `file-${i}.bin`), t.headers),
        );
      },
    },
    zip: {
      env: {},
      async run(app, seconds) {
        const t = app.direct("alice");
        const url = `${t.base}/api/files/uploads/zip?path=profile`;
        const done = await transferRounds(seconds, 1, () => client.download(url, t.headers));
        return {
          ...done,
          work: `${formatBytes(done.units * 1024 ** 3)} of zip (a folder of ${CONCURRENCY} × ${formatBytes(FILE_SIZE)}), one at a time`,
        };
      },
    },
  };
}

const options = parseProfileArgs(process.argv.slice(2));
const outDir = path.join(PROJECT_DIR, "bench-results", "profiles");
await mkdir(outDir, { recursive: true });
const ws = await startBenchWorkspace({
  log: console.log,
  env: { LOCAL_WORKSPACE_RATE_LIMIT: "off", FILES_UPSTREAM_RATE_LIMIT: "off" },
});
const client = startRemoteTransfers();
const sections: string[] = [];
try {
  for (const key of ["shared", "uploads"]) await makeListFolder(path.join(ws.volumeDir(key), FOLDER));
  // The files downloaded and zipped, written to the volume's disk directly.
  for (let i = 0; i < CONCURRENCY; i++) {
    await generatedFile(path.join(ws.volumeDir("uploads"), "profile", `file-${i}.bin`), FILE_SIZE);
  }
  const all = loads(client);
  for (const hotPath of options.only) {
    const dir = path.join(outDir, hotPath);
    await rm(dir, { recursive: true, force: true });
    const variant = await ws.startVariant(all[hotPath].env, {
      nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${dir}`],
    });
    let done: Awaited<ReturnType<Load["run"]>>;
    const cpuBefore = readCpuMs(variant.app.process.pid);
    try {
      done = await all[hotPath].run(variant.app, options.seconds);
    } finally {
      const cpuMs = readCpuMs(variant.app.process.pid) - cpuBefore;
      console.log(`${hotPath}: app CPU ${(cpuMs / 1000).toFixed(2)} s`);
      await variant.close(); // the profile is written as the process exits
    }
    const [file] = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`${hotPath}: no profile written in ${dir}`);
    const summary = await summarizeProfileFile(path.join(dir, file), { fromUs: done.fromUs });
    const perUnit = summary.busyMs / 1000 / done.units;
    const md = profileMarkdown(
      hotPath,
      summary,
      `${done.work} (${perUnit.toFixed(2)} s of profiled CPU per ${done.unitName})`,
    );
    console.log(`\n${md}`);
    sections.push(md);
  }
} finally {
  client.close();
  await ws.close();
}
const summaryFile = path.join(outDir, "summary.md");
await writeFile(summaryFile, `${sections.join("\n")}\n`);
console.log(`Written: ${path.relative(process.cwd(), summaryFile)} and one .cpuprofile per path`);
