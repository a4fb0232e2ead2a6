import {
  BookOpen,
  Braces,
  File,
  FileArchive,
  FileCode,
  FileImage,
  FileText,
  Folder,
  Music,
  Sheet,
  Video,
} from "lucide-react";
import type { EntryKind } from "../logic/entry-kind";

const ICONS: Record<EntryKind, typeof File> = {
  folder: Folder,
  text: FileText,
  code: FileCode,
  table: Sheet,
  json: Braces,
  image: FileImage,
  pdf: FileText,
  notebook: BookOpen,
  archive: FileArchive,
  audio: Music,
  video: Video,
  file: File,
};

export function EntryIcon({ kind, size = 16 }: { kind: EntryKind; size?: number }) {
  const Icon = ICONS[kind];
  return <Icon size={size} aria-hidden="true" className={`entry-icon entry-icon-${kind}`} />;
}
