// Plain-text and structured-text demo files (TXT, JSON, JSONL, CSV/TSV, the nested reports).
import { DEMO_FILES } from "./demo-files.js";
import { createPrng } from "./prng.js";
import { salesCsv, salesTsv } from "./sales-data.js";

export interface SeedFile {
  path: string;
  content: string | Uint8Array;
}

function notesTxt(): string {
  return `${DEMO_FILES.text.firstLine}

1. Treat data/ as read-only; copy a file before reshaping it.
2. Quarterly reports live under reports/<year>/<quarter>/.
3. Ask #sales-data before adding a new region.

Last reviewed: 2024-04-02 by the data team.
`;
}

function targetsJson(): string {
  const { region, currency } = DEMO_FILES.json;
  const targets = ["Q1", "Q2", "Q3", "Q4"].map((quarter, i) => ({
    quarter,
    revenue: 1_200_000 + i * 150_000,
    stretch: i === 3,
    products: ["Lakehouse Pro", "Governance Pack"].slice(0, 1 + (i % 2)),
  }));
  const doc = {
    version: 3,
    region,
    currency,
    fiscalYear: 2024,
    owner: { name: "Ana Silva", email: "ana.silva@example.com", team: ["Ben Okafor", "Chen Wei"] },
    targets,
    thresholds: { warn: 0.85, critical: 0.7 },
    archived: false,
    notes: null,
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function eventsJsonl(): string {
  const prng = createPrng(7);
  const actions = ["login", "list", "preview", "download", "upload", "delete"] as const;
  const users = ["ana.silva@example.com", "ben.okafor@example.com", "chen.wei@example.com"] as const;
  const start = Date.UTC(2024, 3, 1, 8);
  const lines: string[] = [];
  for (let i = 0; i < DEMO_FILES.jsonl.records; i++) {
    const action = i === 0 ? DEMO_FILES.jsonl.firstEvent : prng.pick(actions);
    const event = {
      id: i + 1,
      ts: new Date(start + i * 37_000).toISOString(),
      user: prng.pick(users),
      action,
      path:
        action === "login"
          ? null
          : `/Volumes/main/demo/shared/data/${prng.pick(["sales.csv", "sales.parquet"])}`,
      bytes: action === "download" || action === "upload" ? prng.int(1_000, 5_000_000) : 0,
      ok: prng.next() > 0.03,
      meta: { client: prng.pick(["web", "cli", "sdk"]), latencyMs: prng.int(3, 900) },
    };
    lines.push(JSON.stringify(event));
  }
  return `${lines.join("\n")}\n`;
}

function regionCsv(region: string, seed: number): string {
  const prng = createPrng(seed);
  const rows = ["month,region,revenue,orders,on_target"];
  for (const month of ["2024-01", "2024-02", "2024-03"]) {
    const revenue = prng.int(150_000, 420_000) + prng.int(0, 99) / 100;
    rows.push(`${month},${region},${revenue.toFixed(2)},${prng.int(40, 160)},${revenue > 250_000}`);
  }
  return `${rows.join("\n")}\n`;
}

export function textFiles(): SeedFile[] {
  const { nestedFolder } = DEMO_FILES;
  return [
    { path: DEMO_FILES.text.path, content: notesTxt() },
    { path: DEMO_FILES.csv.path, content: salesCsv(DEMO_FILES.csv.rows) },
    { path: DEMO_FILES.tsv.path, content: salesTsv(DEMO_FILES.tsv.rows) },
    { path: DEMO_FILES.json.path, content: targetsJson() },
    { path: DEMO_FILES.jsonl.path, content: eventsJsonl() },
    { path: `${nestedFolder.path}/${nestedFolder.files[0]}`, content: regionCsv("EMEA", 11) },
    { path: `${nestedFolder.path}/${nestedFolder.files[1]}`, content: regionCsv("AMER", 12) },
    { path: "reports/2024/q1/summary.md", content: "# Q1 2024\n\nRevenue grew 12% quarter on quarter.\n" },
    { path: "reports/2024/q2/summary.txt", content: "Q2 2024: numbers pending finance sign-off.\n" },
    { path: "reports/2023/annual-report.txt", content: "FY2023 closed at 104% of target.\n" },
    { path: DEMO_FILES.unicodeName.path, content: "A file whose name has non-ASCII, '#', spaces and '%'.\n" },
  ];
}

/** Separate because some filesystems (Windows) refuse `"` in names; the seed skips it there. */
export function punctuationFile(): SeedFile {
  return { path: DEMO_FILES.punctuationName.path, content: "Quotes and a semicolon in the name.\n" };
}
