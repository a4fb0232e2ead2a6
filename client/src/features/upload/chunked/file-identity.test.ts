import { describe, expect, it } from "vitest";
import { compareIdentity, IDENTITY_HASH_BYTES, identify } from "./file-identity";

const file = (body: string, name = "big.bin", lastModified = 1_700_000_000_000) =>
  new File([body], name, { lastModified });

describe("file identity", () => {
  it("accepts the same file picked again", async () => {
    const saved = await identify(file("hello world"));
    expect(saved.firstChunkSha256).toBe("b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9");
    expect(compareIdentity(saved, await identify(file("hello world")))).toEqual({ same: true });
  });

  it("refuses another name, size, time or content, saying which", async () => {
    const saved = await identify(file("hello world"));
    const check = async (picked: File) => {
      const result = compareIdentity(saved, await identify(picked));
      return result.same ? "same" : result.reason;
    };
    expect(await check(file("hello world", "other.bin"))).toMatch(
      /^other\.bin is not the file .*name differs/,
    );
    expect(await check(file("hello world!"))).toMatch(/it has 12 B, the interrupted one 11 B/);
    expect(await check(file("hello world", "big.bin", 1))).toMatch(/modified since/);
    expect(await check(file("HELLO WORLD"))).toMatch(/content differs\. Pick big\.bin again\.$/);
  });

  it("hashes only the start of the file", async () => {
    const head = "a".repeat(IDENTITY_HASH_BYTES);
    const one = await identify(file(`${head}tail-one`));
    const two = await identify(file(`${head}tail-two`));
    expect(one.firstChunkSha256).toBe(two.firstChunkSha256);
  });
});
