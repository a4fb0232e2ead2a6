// The folder with thousands of entries that exercises listing pagination and virtualised
// rendering. Writes run `concurrency` at a time: all at once would exhaust file descriptors,
// one at a time would take far longer than the seed's time budget.
import type { SeedWriter } from "./seed-writer.js";

export function manyFileName(index: number): string {
  return `file-${String(index).padStart(5, "0")}.txt`;
}

export async function writeManyFiles(
  writer: SeedWriter,
  folder: string,
  count: number,
  concurrency = 64,
): Promise<void> {
  await writer.dir(folder);
  let next = 1;
  const worker = async (): Promise<void> => {
    while (next <= count) {
      const index = next++;
      await writer.file(`${folder}/${manyFileName(index)}`, `Demo file ${index} of ${count}.\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}
