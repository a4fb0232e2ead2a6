import { Readable } from "node:stream";

/** `total` bytes made on demand from one reused buffer: a large upload that costs no memory. */
export function generatedBody(total: number, chunk = 64 * 1024, fill = 0x61): Readable {
  const piece = Buffer.alloc(chunk, fill);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk, total - sent);
      sent += n;
      this.push(n === chunk ? piece : piece.subarray(0, n));
    },
  });
}
