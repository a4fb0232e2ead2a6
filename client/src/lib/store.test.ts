import { describe, expect, it } from "vitest";
import { createStore } from "./store";

describe("createStore", () => {
  it("tells each subscriber about every change, until it unsubscribes", () => {
    const store = createStore<number[]>([]);
    const seen: number[][] = [];
    const stop = store.subscribe(() => seen.push(store.get()));
    store.set([1]);
    store.set([1, 2]);
    stop();
    store.set([3]);
    expect(seen).toEqual([[1], [1, 2]]);
    expect(store.get()).toEqual([3]);
  });
});
