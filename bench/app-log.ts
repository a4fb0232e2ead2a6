// Reads the app's pino output (it must be read anyway, or a full pipe would block the app).
// The app's request log (server/http/request-log.ts) writes one line per request with `ms`: the
// time from the request's arrival in the app to its response being written, i.e. the app's own
// cost without the client or the network.
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const COMPLETED = /"status":\d+,"ms":([\d.]+)/;
const TIME = /"time":(\d+)/;
const LEVEL = /"level":(\d+)/;

export class AppLog {
  /** [epoch ms, response time ms] of each completed request, while recording. */
  private samples: Array<[number, number]> = [];
  private recording = false;
  private readonly tail: string[] = [];
  /** Lines at level error (50) or above, e.g. unexpected 5xx. */
  readonly errors: string[] = [];

  constructor(child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream }).on("line", (line) => this.onLine(line));
    }
  }

  private onLine(line: string): void {
    if (this.tail.length >= 50) this.tail.shift();
    this.tail.push(line);
    const level = Number(LEVEL.exec(line)?.[1] ?? 0);
    if (level >= 50 && this.errors.length < 200) this.errors.push(line);
    if (!this.recording) return;
    const completed = COMPLETED.exec(line);
    if (!completed) return;
    this.samples.push([Number(TIME.exec(line)?.[1] ?? Date.now()), Number(completed[1])]);
  }

  /** Starts keeping response times (the lines are cheap to match, but only kept when asked). */
  record(on: boolean): void {
    this.recording = on;
    if (on) this.samples = [];
  }

  /** Response times of requests that completed in [from, to] (epoch ms). */
  responseTimes(from: number, to: number): number[] {
    return this.samples.filter(([t]) => t >= from && t <= to).map(([, ms]) => ms);
  }

  lastLines(): string[] {
    return [...this.tail];
  }
}
