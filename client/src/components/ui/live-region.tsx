import { X } from "lucide-react";
import { dismiss, useAnnouncements } from "@/lib/announcer";

/** The app's one polite live region; each toast is read out when it appears. */
export function LiveRegion() {
  const items = useAnnouncements();
  return (
    <div className="toasts" role="status" aria-live="polite" aria-relevant="additions">
      {items.map((item) => (
        <div key={item.id} className={`toast toast-${item.tone}`} data-testid="toast">
          <span>{item.message}</span>
          <button type="button" className="icon-btn" aria-label="Dismiss" onClick={() => dismiss(item.id)}>
            <X size={14} aria-hidden="true" />
          </button>
        </div>
      ))}
    </div>
  );
}
