// Completions and failures, shown as toasts and read out by the polite live region that
// contains them. A module-level store so any feature can announce without prop drilling.
import { createStore, useStore } from "./store";

export type Tone = "info" | "success" | "error";
export interface Announcement {
  id: number;
  message: string;
  tone: Tone;
}

const announcements = createStore<Announcement[]>([]);
let nextId = 1;

// Errors stay longer: they are what people most need to read.
const LIFETIME_MS: Record<Tone, number> = { info: 5000, success: 5000, error: 12000 };
const MAX_VISIBLE = 4;

export function announce(message: string, tone: Tone = "info"): void {
  const id = nextId++;
  announcements.set([...announcements.get(), { id, message, tone }].slice(-MAX_VISIBLE));
  setTimeout(() => dismiss(id), LIFETIME_MS[tone]);
}

export function dismiss(id: number): void {
  const items = announcements.get();
  if (!items.some((a) => a.id === id)) return;
  announcements.set(items.filter((a) => a.id !== id));
}

export function useAnnouncements(): Announcement[] {
  return useStore(announcements);
}
