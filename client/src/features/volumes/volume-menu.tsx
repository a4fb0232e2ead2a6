// On a narrow screen the volume list is behind a button in the header (a disclosure: the button
// says which volume you are in and opens the same list the sidebar shows on a wide screen).

import type { VolumeInfo } from "@shared/api/volumes";
import { ChevronDown, HardDrive } from "lucide-react";
import { useEffect, useId, useRef, useState } from "react";
import { VolumeSwitcher } from "./volume-switcher";

interface VolumeMenuProps {
  volumes: VolumeInfo[];
  current?: string;
  /** The open folder, so the current volume's badges tell what is allowed here. */
  currentPath?: string;
}

export function VolumeMenu({ volumes, current, currentPath }: VolumeMenuProps) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const here = panelRef.current?.querySelector<HTMLElement>('[aria-current="page"]');
    (here ?? panelRef.current?.querySelector<HTMLElement>("a"))?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);

  return (
    <div className="volume-menu">
      <button
        ref={buttonRef}
        type="button"
        className="volume-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={current ? `Volume: ${current}. Choose a volume` : "Choose a volume"}
        data-testid="volume-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <HardDrive size={16} aria-hidden="true" />
        <span className="volume-menu-label">{current ?? "Volumes"}</span>
        <ChevronDown size={14} aria-hidden="true" />
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: links inside handle their own keys. */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: closes after a link inside is followed. */}
      <div
        ref={panelRef}
        id={panelId}
        className="volume-menu-panel"
        hidden={!open}
        onClick={(event) => {
          // Following a link (even to the volume already shown) closes the list.
          if ((event.target as Element).closest("a")) setOpen(false);
        }}
      >
        <VolumeSwitcher volumes={volumes} current={current} currentPath={currentPath} />
      </div>
    </div>
  );
}
