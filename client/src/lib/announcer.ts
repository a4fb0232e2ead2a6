// Completions and failures, shown as toasts and read out by the polite live region that
// contains them. A module-level store so any feature can announce without prop drilling.
import { useSyncExternalStore } from "react";

export type Tone = "info" | "success" | "error";
export interface Announcement {
  id: number;
  message: string;
  tone: Tone;
}

let items: Announcement[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

// Errors stay longer: they are what people most need to read.
const LIFETIME_MS: Record<Tone, number> = { info: 5000, success: 5000, error: 12000 };
const MAX_VISIBLE = 4;

export function announce(message: string, tone: Tone = "info"): void {
  const id = nextId++;
  items = [...items, { id, message, tone }].slice(-MAX_VISIBLE);
  emit();
  setTimeout(() => dismiss(id), LIFETIME_MS[tone]);
}

export function dismiss(id: number): void {
  if (!items.some((a) => a.id === id)) return;
  items = items.filter((a) => a.id !== id);
  emit();
}

export function useAnnouncements(): Announcement[] {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => items,
  );
}
