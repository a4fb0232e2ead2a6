import { useCallback, useSyncExternalStore } from "react";

/**
 * Below this width the volume list is a menu and the details pane a sheet. The stylesheets use
 * the same 899px breakpoint (shell.css, details.css); keep them in step.
 */
export const NARROW_SCREEN = "(max-width: 899px)";

/** Whether a media query matches now, re-rendering when that changes (rotation, resizing). */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}

/**
 * Phones and tablets (by width, or any screen whose main pointer is a finger): rows get
 * selection checkboxes, since there is no Ctrl or Shift to click with.
 */
export const TOUCH_LAYOUT = "(max-width: 1099px), (pointer: coarse)";
