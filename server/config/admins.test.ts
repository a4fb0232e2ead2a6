import { describe, expect, it } from "vitest";
import { ConfigError } from "./errors.js";
import { parseConfig } from "./parse-config.js";
import { identityList } from "./values.js";

const volume = { DATABRICKS_VOLUME_DATA: "/Volumes/main/default/data", FILES_POLICY: "public-read" };

describe("FILES_ADMINS", () => {
  it("is empty by default: only the service principal may read diagnostics", () => {
    expect(parseConfig(volume).admins).toEqual([]);
    expect(parseConfig({ ...volume, FILES_ADMINS: "  " }).admins).toEqual([]);
  });

  it("parses comma-separated emails and user names, lower-cased and de-duplicated", () => {
    const config = parseConfig({
      ...volume,
      FILES_ADMINS: " Alice@Example.com, ops-team ,alice@example.com,",
    });
    expect(config.admins).toEqual(["alice@example.com", "ops-team"]);
  });

  it("refuses an entry that cannot be a user name, naming the variable", () => {
    expect(identityList("alice@example.com bob@example.com").ok).toBe(false);
    try {
      parseConfig({ ...volume, FILES_ADMINS: 'alice@example.com,"bob"' });
      expect.unreachable("FILES_ADMINS with a quoted name must not parse");
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).toContain("FILES_ADMINS");
      expect((err as Error).message).toContain('"bob"');
    }
  });

  it("is app-wide: a per-volume FILES_<KEY>_ADMINS is an unknown setting", () => {
    expect(() => parseConfig({ ...volume, FILES_DATA_ADMINS: "alice@example.com" })).toThrow(
      /FILES_DATA_ADMINS/,
    );
  });
});
