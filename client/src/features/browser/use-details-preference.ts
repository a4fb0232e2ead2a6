import { useState } from "react";
import { NARROW_SCREEN, useMediaQuery } from "@/lib/use-media-query";

const KEY = "volumes-browser.details-open";

/**
 * Whether the details are open. On a wide screen the pane's open/closed choice is remembered
 * across visits (per browser); on a narrow one the details are a sheet over the listing, so they
 * start closed in every folder and open only when asked for (opening a file, the Details button).
 */
export function useDetailsPreference(): [boolean, (open: boolean) => void] {
  const narrow = useMediaQuery(NARROW_SCREEN);
  const [sheetOpen, setSheetOpen] = useState(false);
  const [open, setOpen] = useState(() => {
    try {
      return window.localStorage.getItem(KEY) !== "false";
    } catch {
      return true;
    }
  });
  const update = (next: boolean) => {
    setOpen(next);
    try {
      window.localStorage.setItem(KEY, String(next));
    } catch {
      // Storage may be disabled; the preference then lasts for this page only.
    }
  };
  return narrow ? [sheetOpen, setSheetOpen] : [open, update];
}
