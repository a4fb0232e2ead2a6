// Known facts about the seeded demo content. Preview, UI and e2e tests import these instead of
// hard-coding paths and values, so renaming a demo file is a one-line change here.
import { FIRST_SALE, SALE_COLUMNS } from "./sales-data.js";

export const SEED_VERSION = 2;

/** The volumes as databricks.yml names them by default; the seeded READMEs and code cite them. */
export const SHARED_VOLUME = { name: "main.demo.shared", path: "/Volumes/main/demo/shared" } as const;
export const UPLOADS_VOLUME = { name: "main.demo.uploads", path: "/Volumes/main/demo/uploads" } as const;
export const INBOX_VOLUME = { name: "main.demo.inbox", path: "/Volumes/main/demo/inbox" } as const;

/** Files that exist only to prove that content never runs in the app: one folder, with a README. */
const SAFETY = "safety-checks";

/** Paths are relative to the volume root, with `/` separators. */
export const DEMO_FILES = {
  readme: { path: "README.md", heading: "Team sales reference data" },
  safetyChecks: {
    folder: SAFETY,
    readme: `${SAFETY}/README.md`,
    /** Raw HTML in Markdown; a safe renderer must not execute or keep it as live markup. */
    markdown: {
      path: `${SAFETY}/markdown-with-html.md`,
      heading: "Markdown with raw HTML",
      xss: ["<script>", "onerror="],
    },
    /** The sales notebook with an `<img onerror>` in its first markdown cell. */
    notebook: {
      path: `${SAFETY}/notebook-with-onerror.ipynb`,
      heading: "Q1 sales analysis",
      markdownXss: "onerror=",
    },
  },
  text: { path: "notes.txt", firstLine: "Sales team notes — read me before editing the datasets." },
  csv: {
    path: "data/sales.csv",
    rows: 500,
    columns: SALE_COLUMNS,
    firstRow: FIRST_SALE,
    firstRegion: FIRST_SALE.region,
    /** RFC 4180 quoting is exercised by customer names such as these. */
    quotedValues: ["Acme, Inc.", 'Smith & "Sons"'],
  },
  tsv: { path: "data/sales.tsv", rows: 500, columns: SALE_COLUMNS, firstRegion: FIRST_SALE.region },
  parquet: {
    path: "data/sales.parquet",
    rows: 10_000,
    rowGroupSize: 2_500,
    rowGroups: 4,
    columns: SALE_COLUMNS,
    firstRow: FIRST_SALE,
    lastOrderId: 110_000,
  },
  json: { path: "data/targets.json", region: "EMEA", currency: "EUR", targetCount: 4 },
  jsonl: { path: "data/events.jsonl", records: 200, firstEvent: "login" },
  nestedFolder: { path: "reports/2024/q1/regions", files: ["emea.csv", "amer.csv"] },
  pdf: { path: "reports/2024/q1/revenue-summary.pdf", pages: 1, title: "Q1 2024 revenue summary" },
  png: { path: "images/gradient.png", width: 320, height: 200 },
  logo: { path: "images/logo.svg", width: 200, height: 80 },
  jpeg: { path: "images/landscape.jpg", width: 640, height: 480 },
  /** Has a `<script>` and an `onload` handler; an `<img>` preview never runs them, inline SVG would. */
  svg: { path: `${SAFETY}/logo-with-script.svg`, width: 200, height: 80, xss: ["<script>", "onload="] },
  notebook: {
    path: "notebooks/sales-analysis.ipynb",
    streamText: "Loaded 500 rows from data/sales.csv\n",
    executeResultText: "500",
    displayPng: { width: 120, height: 80 },
    /** The last code cell has an `error` output whose traceback holds ANSI colour codes. */
    errorName: "KeyError",
  },
  html: { path: `${SAFETY}/dashboard-with-script.html`, xss: "alert(1); fetch('/api/files/volumes?xss=1')" },
  code: {
    python: "code/etl_job.py",
    sql: "code/top_customers.sql",
    typescript: "code/report-client.ts",
    yaml: "code/pipeline.yaml",
    shell: "code/deploy.sh",
    scala: "code/SalesAggregator.scala",
    r: "code/forecast.r",
  },
  audio: { path: "audio/tone-440hz.wav", seconds: 1, sampleRate: 16_000, frequency: 440 },
  binary: { path: "misc/random.bin", bytes: 4096 },
  unicodeName: { path: "日本 #1 100%.txt" },
  /** Skipped on filesystems that reject `"` in names (Windows); see `seedSharedVolume`. */
  punctuationName: { path: 'quote "and" semi;colon.txt' },
  emptyFolder: { path: "archive/empty" },
  manyFiles: { path: "many-files", count: 5_000, first: "file-00001.txt", last: "file-05000.txt" },
} as const;

export const DEMO_UPLOADS = { readme: { path: "README.md" }, folder: { path: "drafts" } } as const;
export const DEMO_INBOX = { readme: { path: "README.md" }, usersFolder: { path: "users" } } as const;
