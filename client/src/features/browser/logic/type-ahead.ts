// Type-ahead: typing the start of a name jumps to it. Keys within TYPE_AHEAD_MS extend the
// search; repeating one letter cycles through the names starting with it, as file managers do.
import { fold } from "./sort-entries";

export const TYPE_AHEAD_MS = 700;

export interface TypeAheadState {
  buffer: string;
  at: number;
}

export const EMPTY_TYPE_AHEAD: TypeAheadState = { buffer: "", at: 0 };

export function isTyping(state: TypeAheadState, now: number): boolean {
  return state.buffer !== "" && now - state.at < TYPE_AHEAD_MS;
}

/** Returns the new search state and the index to jump to (-1 when nothing matches). */
export function typeAhead(
  state: TypeAheadState,
  char: string,
  now: number,
  names: readonly string[],
  active: number,
): { state: TypeAheadState; index: number } {
  const buffer = (isTyping(state, now) ? state.buffer : "") + char;
  const next = { buffer, at: now };
  const needle = fold(buffer);
  const repeated = needle.length > 1 && [...needle].every((c) => c === needle[0]);
  // A fresh search (or a repeated letter) starts after the active row so it can cycle; an
  // extended search first checks the active row itself ("re" then "rep" stays on "report").
  const query = repeated ? needle.slice(0, 1) : needle;
  const start = buffer.length === 1 || repeated ? active + 1 : Math.max(active, 0);
  for (let k = 0; k < names.length; k++) {
    const i = (start + k) % names.length;
    if (fold(names[i] as string).startsWith(query)) return { state: next, index: i };
  }
  return { state: next, index: -1 };
}
