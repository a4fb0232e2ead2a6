// Which tab owns a remembered upload. Every tab reads IndexedDB; without this, a second tab
// would list another tab's running (or paused) upload as unfinished and could discard it. A tab
// holds a Web Lock per upload until it is committed or given up; locks die with their tab, so
// after a crash or reload nothing holds them and the upload is listed as unfinished again.

const lockName = (key: string) => `volumes-browser-upload:${key}`;
const held = new Map<string, () => void>();

export function claimUpload(key: string): void {
  if (held.has(key) || typeof navigator === "undefined" || !navigator.locks) return;
  let release: () => void = () => undefined;
  const holding = new Promise<void>((resolve) => {
    release = resolve;
  });
  held.set(key, release);
  void navigator.locks.request(lockName(key), { ifAvailable: true }, (lock) => (lock ? holding : undefined));
}

export function releaseUpload(key: string): void {
  held.get(key)?.();
  held.delete(key);
}

/** Keys of uploads some open tab (this one included) is working on. */
export async function uploadsOwnedByTabs(): Promise<Set<string>> {
  if (typeof navigator === "undefined" || !navigator.locks) return new Set();
  const { held: locks = [] } = await navigator.locks.query();
  const prefix = lockName("");
  return new Set(locks.flatMap((l) => (l.name?.startsWith(prefix) ? [l.name.slice(prefix.length)] : [])));
}
