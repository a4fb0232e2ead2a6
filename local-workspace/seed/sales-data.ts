// The demo "sales" story shared by the CSV, TSV and Parquet files: one deterministic record
// generator, so every format tells the same story and tests know the values in advance.
import { createPrng, type Prng } from "./prng.js";

export interface SaleRecord {
  order_id: number;
  /** ISO calendar date, `YYYY-MM-DD`. */
  order_date: string;
  region: string;
  country: string;
  customer: string;
  product: string;
  units: number;
  unit_price: number;
  revenue: number;
  returned: boolean;
  /** Mostly null, so previews show how they render missing values. */
  discount_code: string | null;
}

export const REGIONS = ["EMEA", "AMER", "APAC", "LATAM"] as const;
const COUNTRIES: Record<(typeof REGIONS)[number], readonly string[]> = {
  EMEA: ["Germany", "France", "United Kingdom", "Kenya", "Sweden"],
  AMER: ["United States", "Canada"],
  APAC: ["Japan", "Australia", "India", "Singapore"],
  LATAM: ["Brazil", "Mexico", "Chile"],
};
// A few names with a comma or quotes, so CSV parsers must honour RFC 4180 quoting.
const CUSTOMERS = [
  "Northwind Traders",
  "Contoso Ltd",
  "Acme, Inc.",
  'Smith & "Sons"',
  "Fabrikam",
  "Tailspin Toys",
  "Wide World Importers",
  "Müller GmbH",
  "Adventure Works",
  "Blue Yonder Airlines",
] as const;
const PRODUCTS = [
  ["Lakehouse Starter", 19.99],
  ["Lakehouse Pro", 49.5],
  ["Streaming Add-on", 12.25],
  ["Governance Pack", 89],
  ["Notebook Seats (10)", 150],
  ["Support Plus", 230.4],
] as const;

/** The first record is fixed so tests can assert it without re-running the generator. */
export const FIRST_SALE: SaleRecord = {
  order_id: 100001,
  order_date: "2024-01-02",
  region: "EMEA",
  country: "Germany",
  customer: "Northwind Traders",
  product: "Lakehouse Pro",
  units: 12,
  unit_price: 49.5,
  revenue: 594,
  returned: false,
  discount_code: null,
};

const DISCOUNT_CODES = ["SPRING10", "PARTNER15", "EDU50", "LOYALTY5"] as const;

const DAY_MS = 86_400_000;
const START = Date.UTC(2024, 0, 2);

function nextSale(prng: Prng, index: number): SaleRecord {
  if (index === 0) return FIRST_SALE;
  const region = prng.pick(REGIONS);
  const [product, unitPrice] = prng.pick(PRODUCTS);
  const units = prng.int(1, 40);
  // Orders walk forward a few per day through 2024–2025, then wrap, so dates stay plausible
  // even in the multi-million-row benchmark files.
  const date = new Date(START + (Math.floor(index / 3) % 730) * DAY_MS);
  return {
    order_id: 100001 + index,
    order_date: date.toISOString().slice(0, 10),
    region,
    country: prng.pick(COUNTRIES[region]),
    customer: prng.pick(CUSTOMERS),
    product,
    units,
    unit_price: unitPrice,
    revenue: Math.round(units * unitPrice * 100) / 100,
    returned: prng.next() < 0.05,
    discount_code: prng.next() < 0.2 ? prng.pick(DISCOUNT_CODES) : null,
  };
}

/** Yields `count` records; the same (seed, index) always gives the same record. */
export function* saleRecords(count: number, seed = 20240102): Generator<SaleRecord> {
  const prng = createPrng(seed);
  for (let i = 0; i < count; i++) yield nextSale(prng, i);
}

export const SALE_COLUMNS = [
  "order_id",
  "order_date",
  "region",
  "country",
  "customer",
  "product",
  "units",
  "unit_price",
  "revenue",
  "returned",
  "discount_code",
] as const satisfies readonly (keyof SaleRecord)[];

function csvCell(value: string | number | boolean | null): string {
  const text = value === null ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function salesCsv(count: number): string {
  const lines = [SALE_COLUMNS.join(",")];
  for (const record of saleRecords(count)) lines.push(SALE_COLUMNS.map((c) => csvCell(record[c])).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export function salesTsv(count: number): string {
  const lines = [SALE_COLUMNS.join("\t")];
  for (const record of saleRecords(count))
    lines.push(SALE_COLUMNS.map((c) => String(record[c] ?? "")).join("\t"));
  return `${lines.join("\n")}\n`;
}
