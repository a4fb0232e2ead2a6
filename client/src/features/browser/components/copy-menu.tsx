import { Copy } from "lucide-react";
import { MenuButton } from "@/components/ui/menu-button";
import { announce } from "@/lib/announcer";
import { copyText } from "@/lib/clipboard";
import { snippetsFor } from "../logic/snippets";

interface CopyMenuProps {
  /** Absolute `/Volumes/...` path of the one entry (or folder) the snippets are for. */
  path: string;
  isDirectory: boolean;
  /** Several entries are selected: the snippets are for one of them only, so offer none. */
  multiple?: boolean;
}

export function CopyMenu({ path, isDirectory, multiple = false }: CopyMenuProps) {
  const snippets = snippetsFor(path, isDirectory);
  return (
    <MenuButton
      label="Copy"
      icon={<Copy size={16} aria-hidden="true" />}
      testId="copy-menu"
      items={snippets.map((s) => ({
        id: s.id,
        label: s.label,
        hint: s.text.length > 48 ? `${s.text.slice(0, 47)}…` : s.text,
        ...(multiple ? { disabledReason: "Select one file or folder to copy its path." } : {}),
        onSelect: async () => {
          const ok = await copyText(s.text);
          announce(
            ok ? `Copied ${s.label.toLowerCase()}` : "Could not copy to the clipboard",
            ok ? "success" : "error",
          );
        },
      }))}
    />
  );
}
