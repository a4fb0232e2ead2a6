import { describe, expect, it } from "vitest";
import { holdTogether, Pacer, pacerFor } from "./pacer.js";

const tick = () => new Promise((r) => setImmediate(r));

describe("Pacer", () => {
  it("lets `concurrent` requests through and queues the rest in order of arrival", async () => {
    const pacer = new Pacer({ concurrent: 2, perSecond: 1000, burst: 1000 });
    const order: number[] = [];
    const releases = await Promise.all([pacer.acquire(undefined, 1000), pacer.acquire(undefined, 1000)]);
    const third = pacer.acquire(undefined, 1000).then((r) => {
      order.push(3);
      return r;
    });
    const fourth = pacer.acquire(undefined, 1000).then((r) => {
      order.push(4);
      return r;
    });
    await tick();
    expect(pacer.stats()).toMatchObject({ inFlight: 2, waiting: 2 });
    releases[0]?.();
    releases[0]?.(); // twice is once
    (await third)();
    releases[1]?.();
    (await fourth)();
    expect(order).toEqual([3, 4]);
    expect(pacer.stats()).toMatchObject({ inFlight: 0, peakInFlight: 2, waiting: 0, started: 4 });
  });

  it("spaces requests at `perSecond` once the burst is used", async () => {
    const pacer = new Pacer({ concurrent: 100, perSecond: 50, burst: 5 });
    const started = Date.now();
    for (let i = 0; i < 15; i++) (await pacer.acquire(undefined, 5000))();
    // 5 at once, then 10 more at 50/s: about 200 ms.
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(180);
    expect(elapsed).toBeLessThan(1000);
    expect(pacer.stats().peakPerSecond).toBeLessThanOrEqual(15);
  });

  it("gives up waiting on the caller's abort or after the timeout, with a 503", async () => {
    const pacer = new Pacer({ concurrent: 1, perSecond: 1000, burst: 1000 });
    const held = await pacer.acquire(undefined, 1000);
    const controller = new AbortController();
    const aborted = pacer.acquire(controller.signal, 10_000);
    controller.abort(new Error("gone"));
    await expect(aborted).rejects.toThrow("gone");
    await expect(pacer.acquire(undefined, 50)).rejects.toMatchObject({ status: 503, code: "UPSTREAM_BUSY" });
    held();
    expect(pacer.stats()).toMatchObject({ inFlight: 0, waiting: 0 });
  });

  it("holds slots together so copies never deadlock each holding half of what they need", async () => {
    const pacer = new Pacer({ concurrent: 3, perSecond: 1000, burst: 1000 });
    let peak = 0;
    // Ten "copies", each a download whose slot stays taken while its upload asks for another.
    const copy = () =>
      holdTogether(
        [pacer, pacer],
        async () => {
          const download = await pacer.acquire(undefined, 2000);
          const upload = await pacer.acquire(undefined, 2000);
          peak = Math.max(peak, pacer.stats().inFlight);
          await new Promise((r) => setTimeout(r, 5));
          upload();
          download();
        },
        undefined,
        2000,
      );
    await Promise.all(Array.from({ length: 10 }, copy));
    expect(peak).toBeLessThanOrEqual(3);
    expect(pacer.stats()).toMatchObject({ inFlight: 0, waiting: 0, started: 20 });
  });

  it("keeps a slot whose body outlives the hold until that body is done", async () => {
    const pacer = new Pacer({ concurrent: 2, perSecond: 1000, burst: 1000 });
    let late: (() => void) | undefined;
    await holdTogether(
      [pacer, pacer],
      async () => {
        late = await pacer.acquire(undefined, 1000);
      },
      undefined,
      1000,
    );
    expect(pacer.stats().inFlight).toBe(1);
    late?.();
    expect(pacer.stats().inFlight).toBe(0);
  });

  it("is one per identity, keyed by a hash of it", () => {
    expect(pacerFor("https://x|token:dapi-1")).toBe(pacerFor("https://x|token:dapi-1"));
    expect(pacerFor("https://x|token:dapi-1")).not.toBe(pacerFor("https://x|token:dapi-2"));
  });
});
