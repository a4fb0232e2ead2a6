// What the next folder view should do when it appears: focus the grid (the person was using the
// keyboard) and which row to put the focus on (the folder we just came up from).
export interface Arrival {
  key: string;
  focusGrid: boolean;
  activeName?: string;
}

let pending: Arrival | null = null;
const keyOf = (volume: string, path: string) => `${volume}\u0000${path}`;

export function arriveAt(volume: string, path: string, options: Omit<Arrival, "key">): void {
  pending = { key: keyOf(volume, path), ...options };
}

/**
 * The pending arrival if it is for this folder. Reading does not consume it (React may render a
 * component twice before keeping it); the view calls `clearArrival` once it has mounted.
 */
export function peekArrival(volume: string, path: string): Arrival | null {
  return pending?.key === keyOf(volume, path) ? pending : null;
}

export function clearArrival(volume: string, path: string): void {
  if (pending?.key === keyOf(volume, path)) pending = null;
}
