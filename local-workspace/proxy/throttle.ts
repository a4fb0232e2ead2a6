// Slows a request body to a set throughput, so a test can make a single-request upload of a few
// tens of MiB outlast the proxy's time limit (as a multi-GB one outlasts Databricks' 120 s) while
// each chunk of a chunked upload still fits. The rate is read as bytes pass, so a change made at
// runtime applies to bodies already in flight.
import { Transform, type TransformCallback } from "node:stream";

/** Bytes passed on per step: small enough that the rate is smooth at a few hundred KiB/s. */
const SLICE = 16 * 1024;

export class BodyThrottle extends Transform {
  private sent = 0;
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;

  /** `bytesPerSecond()`: 0 means no limit. */
  constructor(private readonly bytesPerSecond: () => number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.passOn(chunk, 0, callback);
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.timer);
    callback(err);
  }

  private passOn(chunk: Buffer, from: number, callback: TransformCallback): void {
    while (from < chunk.length) {
      const rate = this.bytesPerSecond();
      if (rate > 0) {
        // Hold the next slice until the bytes already sent are due at this rate.
        const wait = (this.sent / rate) * 1000 - (performance.now() - this.started);
        if (wait > 1) {
          this.timer = setTimeout(() => this.passOn(chunk, from, callback), wait);
          return;
        }
      }
      const slice = chunk.subarray(from, from + SLICE);
      from += slice.length;
      this.sent += slice.length;
      this.push(slice);
    }
    callback();
  }
}
