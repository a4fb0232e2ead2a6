import { useState } from "react";

export type ListingView = "list" | "tiles";

const KEY = "volumes-browser.view";

/** List or grid of tiles, remembered across visits (per browser). */
export function useViewPreference(): [ListingView, (view: ListingView) => void] {
  const [view, setView] = useState<ListingView>(() => {
    try {
      return window.localStorage.getItem(KEY) === "tiles" ? "tiles" : "list";
    } catch {
      return "list";
    }
  });
  const update = (next: ListingView) => {
    setView(next);
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      // Storage may be disabled; the choice then lasts for this page only.
    }
  };
  return [view, update];
}
