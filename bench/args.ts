// Command-line options of `npm run bench` and `npm run soak`.
import { parseDuration, parseSize } from "./units.js";

export const SECTIONS = [
  "transfers",
  "lists",
  "big-folder",
  "concurrent-transfers",
  "bulk",
  "whole-folder",
  "chunked-uploads",
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  /** The large file of the transfer benchmark. */
  size: number;
  /** Runs of each transfer (alternating app and direct). */
  runs: number;
  /** autocannon seconds per list measurement. */
  listSeconds: number;
  /** Rounds of the list measurements (each target once per round, order rotated). */
  listRounds: number;
  bigFolderEntries: number;
  /** Rounds of the concurrent transfers (each width, each way, app and direct paired). */
  concurrentRounds: number;
  /** Files in the folder the bulk section zips, copies and deletes under the rate limit. */
  bulkFiles: number;
  sections: Section[];
  outDir: string;
}

const HELP = `npm run bench [-- options]
  --quick              under a minute: smaller files, shorter list runs, a 20,000-entry folder
  --size <size>        large-file size (default 1GiB; quick 256MiB), e.g. 2GiB, 500MB
  --runs <n>           runs of each large transfer (default 5; quick 1)
  --list-seconds <s>   seconds per list measurement (default 2; quick 1)
  --entries <n>        entries of the big folder (default 100000; quick 20000)
  --only <a,b>         sections: ${SECTIONS.join(", ")}
  --out <dir>          where results go (default bench-results)`;

function argValue(argv: string[], i: number, name: string): string {
  const value = argv[i + 1];
  if (value === undefined || value.startsWith("--")) throw new Error(`${name} needs a value`);
  return value;
}

/**
 * `npm run bench --quick` (without `--`) reaches us as npm_config_quick=true, not as an argument;
 * such options are honoured too, after the ones given properly.
 */
export function withNpmConfig(argv: string[], names: string[]): string[] {
  const extra: string[] = [];
  for (const name of names) {
    const value = process.env[`npm_config_${name.replace(/-/g, "_")}`];
    if (value === undefined || value === "" || argv.includes(`--${name}`)) continue;
    if (value === "true") extra.push(`--${name}`);
    else if (value !== "false") extra.push(`--${name}`, value);
  }
  return [...argv, ...extra];
}

export function parseBenchArgs(rawArgv: string[]): BenchOptions {
  const argv = withNpmConfig(rawArgv, ["quick", "size", "runs", "list-seconds", "entries", "only", "out"]);
  const quick = argv.includes("--quick");
  const options: BenchOptions = {
    quick,
    size: quick ? 256 * 1024 ** 2 : 1024 ** 3,
    runs: quick ? 1 : 5,
    listSeconds: quick ? 1 : 2,
    listRounds: quick ? 1 : 3,
    bigFolderEntries: quick ? 20_000 : 100_000,
    concurrentRounds: quick ? 1 : 5,
    bulkFiles: quick ? 200 : 1000,
    sections: [...SECTIONS],
    outDir: "bench-results",
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case "--quick":
        break;
      case "--size":
        options.size = parseSize(argValue(argv, i++, arg));
        break;
      case "--runs":
        options.runs = Math.max(1, Number.parseInt(argValue(argv, i++, arg), 10));
        break;
      case "--list-seconds":
        options.listSeconds = Math.max(1, Number(argValue(argv, i++, arg)));
        break;
      case "--entries":
        options.bigFolderEntries = Math.max(1, Number.parseInt(argValue(argv, i++, arg), 10));
        break;
      case "--only": {
        const wanted = argValue(argv, i++, arg).split(",");
        for (const w of wanted) {
          if (!(SECTIONS as readonly string[]).includes(w)) throw new Error(`unknown section ${w}`);
        }
        options.sections = wanted as Section[];
        break;
      }
      case "--out":
        options.outDir = argValue(argv, i++, arg);
        break;
      case "--help":
      case "-h":
        console.log(HELP);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${arg}\n${HELP}`);
    }
  }
  if (options.size > 5 * 1024 ** 3) throw new Error("--size: at most 5GiB (one Files API upload)");
  return options;
}

export const HOT_PATHS = ["cached-list", "uncached-list", "obo-list", "upload", "download", "zip"] as const;
export type HotPath = (typeof HOT_PATHS)[number];

export interface ProfileOptions {
  only: HotPath[];
  /** Seconds of load per hot path, after its warm-up. */
  seconds: number;
}

export function parseProfileArgs(rawArgv: string[]): ProfileOptions {
  const argv = withNpmConfig(rawArgv, ["only", "seconds"]);
  const options: ProfileOptions = { only: [...HOT_PATHS], seconds: 8 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--only") {
      const wanted = argValue(argv, i++, arg).split(",");
      for (const w of wanted) {
        if (!(HOT_PATHS as readonly string[]).includes(w)) throw new Error(`unknown hot path ${w}`);
      }
      options.only = wanted as HotPath[];
    } else if (arg === "--seconds") options.seconds = Math.max(1, Number(argValue(argv, i++, arg)));
    else if (arg === "--help" || arg === "-h") {
      console.log(`npm run profile [-- --only ${HOT_PATHS.join(",")}] [--seconds 8]`);
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  return options;
}

export interface SoakOptions {
  durationMs: number;
  warmupMs: number;
  workersPerUser: number;
  outDir: string;
}

export function parseSoakArgs(rawArgv: string[]): SoakOptions {
  const argv = withNpmConfig(rawArgv, ["duration", "warmup", "workers", "out"]);
  const options: SoakOptions = {
    durationMs: 120_000,
    warmupMs: 0,
    workersPerUser: 2,
    outDir: "bench-results",
  };
  let warmupSet = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--duration") options.durationMs = parseDuration(argValue(argv, i++, arg));
    else if (arg === "--warmup") {
      options.warmupMs = parseDuration(argValue(argv, i++, arg));
      warmupSet = true;
    } else if (arg === "--workers") options.workersPerUser = Math.max(1, Number(argValue(argv, i++, arg)));
    else if (arg === "--out") options.outDir = argValue(argv, i++, arg);
    else if (arg === "--help" || arg === "-h") {
      console.log(
        "npm run soak [-- --duration 2m] [--warmup 20s] [--workers 2 (per user)] [--out bench-results]",
      );
      process.exit(0);
    } else throw new Error(`unknown option ${arg}`);
  }
  // Warm-up: a sixth of the run, between 5 s and 30 s, unless given.
  if (!warmupSet) options.warmupMs = Math.min(30_000, Math.max(5_000, Math.round(options.durationMs / 6)));
  return options;
}
