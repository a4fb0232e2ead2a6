import { describe, expect, it } from "vitest";
import type { ConfigProblem } from "./errors.js";
import { discoverVolumes, normaliseVolumePath } from "./volumes.js";

describe("normaliseVolumePath", () => {
  it.each([
    ["/Volumes/main/default/uploads", "/Volumes/main/default/uploads", "main.default.uploads"],
    ["/Volumes/main/default/uploads/", "/Volumes/main/default/uploads", "main.default.uploads"],
    ["  main.default.uploads ", "/Volumes/main/default/uploads", "main.default.uploads"],
    ["cat-1.sch_2.Vol3", "/Volumes/cat-1/sch_2/Vol3", "cat-1.sch_2.Vol3"],
  ])("normalises %j", (raw, path, fullName) => {
    expect(normaliseVolumePath(raw)).toEqual({ ok: true, path, fullName });
  });

  it.each([
    ["main.default", "has 2 name parts, not 3"],
    ["a.b.c.d", "has 4 name parts"],
    ["/Volumes/main/default", "has 2 name parts"],
    ["/Volumes/main/default/uploads/sub", "points inside a volume (sub)"],
    ["/volumes/main/default/uploads", "capital V"],
    ["/dbfs/main/default/uploads", "starts with /Volumes/"],
    ["/Volumes/main/../uploads", '".." is not a valid'],
    ["/Volumes/main//uploads", '"" is not a valid'],
    ["main.default.up loads", '"up loads" is not a valid'],
    ["main.`default`.uploads", '"`default`" is not a valid'],
  ])("rejects %j", (raw, reason) => {
    const result = normaliseVolumePath(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});

describe("discoverVolumes", () => {
  it("lower-cases keys, keeps underscores, skips blank values and the bare prefix, sorts by key", () => {
    const problems: ConfigProblem[] = [];
    const { volumes, declaredKeys } = discoverVolumes(
      {
        DATABRICKS_VOLUME_UPLOADS: "/Volumes/c/s/uploads",
        DATABRICKS_VOLUME_RAW_DATA: "c.s.raw",
        DATABRICKS_VOLUME_EMPTY: "  ",
        DATABRICKS_VOLUME_: "/Volumes/c/s/x",
        DATABRICKS_VOLUME_UNSET: undefined,
        DATABRICKS_HOST: "https://example",
      },
      problems,
    );
    expect(problems).toEqual([]);
    expect(volumes.map((v) => [v.key, v.path, v.variable])).toEqual([
      ["raw_data", "/Volumes/c/s/raw", "DATABRICKS_VOLUME_RAW_DATA"],
      ["uploads", "/Volumes/c/s/uploads", "DATABRICKS_VOLUME_UPLOADS"],
    ]);
    expect(declaredKeys.sort()).toEqual(["raw_data", "uploads"]);
  });

  it("reports bad keys, duplicate keys and bad paths, but remembers declared keys", () => {
    const problems: ConfigProblem[] = [];
    const { volumes, declaredKeys } = discoverVolumes(
      {
        DATABRICKS_VOLUME_UPLOADS: "c.s.v",
        DATABRICKS_VOLUME_Uploads: "c.s.w",
        "DATABRICKS_VOLUME_A.B": "c.s.v",
        DATABRICKS_VOLUME_BROKEN: "c.s",
      },
      problems,
    );
    expect(volumes.map((v) => v.key)).toEqual(["uploads"]);
    expect(declaredKeys).toContain("broken");
    expect(problems.map((p) => p.variable)).toEqual([
      "DATABRICKS_VOLUME_Uploads",
      "DATABRICKS_VOLUME_A.B",
      "DATABRICKS_VOLUME_BROKEN",
    ]);
    expect(problems[0]?.message).toContain("already defined by DATABRICKS_VOLUME_UPLOADS");
    expect(problems[1]?.message).toContain('"a.b" may contain only letters, digits');
  });
});
