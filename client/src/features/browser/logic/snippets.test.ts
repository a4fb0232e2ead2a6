import { describe, expect, it } from "vitest";
import { shellWord, snippetsFor, sqlString } from "./snippets";

const byId = (path: string, dir = false) =>
  Object.fromEntries(snippetsFor(path, dir).map((s) => [s.id, s.text]));

describe("snippetsFor", () => {
  it("gives the path, dbfs URI, spark.read, read_files and fs cp for a CSV", () => {
    const s = byId("/Volumes/main/demo/shared/data/sales.csv");
    expect(s.path).toBe("/Volumes/main/demo/shared/data/sales.csv");
    expect(s.dbfs).toBe("dbfs:/Volumes/main/demo/shared/data/sales.csv");
    expect(s.spark).toBe(
      'df = spark.read.option("header", "true").option("inferSchema", "true").csv("/Volumes/main/demo/shared/data/sales.csv")',
    );
    expect(s.sql).toBe(
      "SELECT * FROM read_files('/Volumes/main/demo/shared/data/sales.csv', format => 'csv', header => true)",
    );
    expect(s.cli).toBe("databricks fs cp dbfs:/Volumes/main/demo/shared/data/sales.csv .");
  });

  it("picks the reader from the extension", () => {
    expect(byId("/Volumes/c/s/v/t.parquet").spark).toBe(
      'df = spark.read.parquet("/Volumes/c/s/v/t.parquet")',
    );
    expect(byId("/Volumes/c/s/v/e.jsonl").sql).toContain("format => 'json'");
    expect(byId("/Volumes/c/s/v/blob.bin").spark).toContain('format("binaryFile")');
  });

  it("copies folders recursively and lets read_files detect the format", () => {
    const s = byId("/Volumes/c/s/v/reports", true);
    expect(s.cli).toBe("databricks fs cp -r dbfs:/Volumes/c/s/v/reports ./reports");
    expect(s.sql).toBe("SELECT * FROM read_files('/Volumes/c/s/v/reports')");
  });

  it("quotes awkward names for each language", () => {
    const s = byId(`/Volumes/c/s/v/it's "x" $HOME.csv`);
    expect(s.spark).toContain(`csv("/Volumes/c/s/v/it's \\"x\\" $HOME.csv")`);
    expect(s.sql).toContain(`read_files('/Volumes/c/s/v/it\\'s "x" $HOME.csv'`);
    expect(s.cli).toBe(`databricks fs cp 'dbfs:/Volumes/c/s/v/it'\\''s "x" $HOME.csv' .`);
  });

  it("escapes backslashes in SQL and leaves safe shell words bare", () => {
    expect(sqlString("a\\b")).toBe("'a\\\\b'");
    expect(shellWord("dbfs:/Volumes/a-b_c/d.e")).toBe("dbfs:/Volumes/a-b_c/d.e");
    expect(shellWord("a b")).toBe("'a b'");
  });
});
