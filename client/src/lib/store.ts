// One small external store for module-level state that React reads (the URL; uploads that
// outlive the view that started them; toasts that come from anywhere): a value, a way to change
// it, and a hook that re-renders its readers when it changes.
import { useSyncExternalStore } from "react";

export interface Store<T> {
  get(): T;
  /** Replaces the value and tells every reader. */
  set(next: T): void;
  subscribe(listener: () => void): () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set(next) {
      value = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The store's value, re-rendering when it changes. */
export function useStore<T>(store: Store<T>): T {
  return useSyncExternalStore(store.subscribe, store.get);
}
