import { useState } from "react";

const KEY = "volumes-browser.details-open";

/** Whether the details panel is open, remembered across visits (per browser). */
export function useDetailsPreference(): [boolean, (open: boolean) => void] {
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
  return [open, update];
}
