// A small promise wrapper over one IndexedDB object store (keys given with each value). Where
// IndexedDB is missing or refused (private windows of some browsers, a full disk), every call
// rejects and callers carry on without what it would have kept.

export interface KeyValueStore<T> {
  get(key: string): Promise<T | undefined>;
  put(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
  all(): Promise<T[]>;
}

function done<R>(request: IDBRequest<R>): Promise<R> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error("IndexedDB request failed"));
  });
}

export function idbStore<T>(database: string, store: string): KeyValueStore<T> {
  let opened: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    opened ??= new Promise((resolve, reject) => {
      if (typeof indexedDB === "undefined") return reject(new Error("IndexedDB is not available"));
      const request = indexedDB.open(database, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store);
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error("IndexedDB could not be opened"));
      request.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
    });
    // A failed open is retried next time rather than remembered forever.
    opened.catch(() => {
      opened = undefined;
    });
    return opened;
  };
  // Read-write transactions on one store run in the order they were created, so the last put wins.
  const run = async <R>(mode: IDBTransactionMode, act: (s: IDBObjectStore) => IDBRequest<R>): Promise<R> => {
    const db = await open();
    return done(act(db.transaction(store, mode).objectStore(store)));
  };
  return {
    get: (key) => run("readonly", (s) => s.get(key) as IDBRequest<T | undefined>),
    put: async (key, value) => {
      await run("readwrite", (s) => s.put(value, key));
    },
    delete: async (key) => {
      await run("readwrite", (s) => s.delete(key));
    },
    all: () => run("readonly", (s) => s.getAll() as IDBRequest<T[]>),
  };
}
