import { describe, expect, it } from "vitest";
import { UploadAbortedError } from "@/api/files/http-transport";
import { RequestSlots } from "./request-slots";

describe("RequestSlots", () => {
  it("grants at most its size at once, in order, and frees once per grant", async () => {
    const slots = new RequestSlots(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const granted = (name: string) => (free: () => void) => {
      order.push(name);
      return free;
    };
    const c = slots.acquire().then(granted("c"));
    const d = slots.acquire().then(granted("d"));
    expect(slots.inUse).toBe(2);
    a();
    a();
    await c;
    expect(order).toEqual(["c"]);
    expect(slots.inUse).toBe(2);
    b();
    (await d)();
    expect(order).toEqual(["c", "d"]);
    expect(slots.inUse).toBe(1);
  });

  it("gives up waiting when aborted, without taking a slot", async () => {
    const slots = new RequestSlots(1);
    const free = await slots.acquire();
    const stop = new AbortController();
    const waiting = slots.acquire(stop.signal);
    stop.abort();
    await expect(waiting).rejects.toBeInstanceOf(UploadAbortedError);
    free();
    expect(slots.inUse).toBe(0);
    await slots.acquire();
    expect(slots.inUse).toBe(1);
  });
});
