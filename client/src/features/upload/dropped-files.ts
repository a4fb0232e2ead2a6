// Files and whole folders from a drop or a picker, each with its path relative to the drop
// target. Chromium, Firefox and Safari all expose dropped folders through the (non-standard but
// universal) webkitGetAsEntry API; a folder's reader returns at most 100 entries per call.

export interface PickedFile {
  file: File;
  /** `a.txt`, or `photos/2024/a.jpg` for a file inside a dropped folder. */
  relativePath: string;
}

export interface PickedTree {
  files: PickedFile[];
  /** Folders that contain no files, so they are created explicitly. */
  emptyDirs: string[];
}

/**
 * Must run synchronously inside the drop event: the DataTransfer is emptied when the handler
 * returns. Returns the entries to traverse later, or plain files when entries are unavailable.
 */
export function takeDropped(dataTransfer: DataTransfer): FileSystemEntry[] | File[] {
  const items = [...dataTransfer.items].filter((item) => item.kind === "file");
  const entries = items.map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.length > 0 && entries.every((e): e is FileSystemEntry => e !== null)) return entries;
  return [...dataTransfer.files];
}

function isFileEntry(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}
function isDirectoryEntry(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}

const fileOf = (entry: FileSystemFileEntry) =>
  new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function readAll(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const out: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) =>
      reader.readEntries(resolve, reject),
    );
    if (batch.length === 0) return out;
    out.push(...batch);
  }
}

export async function collectEntries(entries: readonly FileSystemEntry[]): Promise<PickedTree> {
  const tree: PickedTree = { files: [], emptyDirs: [] };
  const walk = async (entry: FileSystemEntry, prefix: string): Promise<void> => {
    const relativePath = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (isFileEntry(entry)) tree.files.push({ file: await fileOf(entry), relativePath });
    else if (isDirectoryEntry(entry)) {
      const children = await readAll(entry);
      if (children.length === 0) tree.emptyDirs.push(relativePath);
      for (const child of children) await walk(child, relativePath);
    }
  };
  for (const entry of entries) await walk(entry, "");
  return tree;
}

export async function collectDropped(taken: FileSystemEntry[] | File[]): Promise<PickedTree> {
  if (taken.length > 0 && taken[0] instanceof File) {
    return { files: (taken as File[]).map((file) => ({ file, relativePath: file.name })), emptyDirs: [] };
  }
  return collectEntries(taken as FileSystemEntry[]);
}

/** Files from `<input type=file>`; with `webkitdirectory` each carries its folder path. */
export function pickedFromInput(files: FileList | readonly File[]): PickedTree {
  return {
    files: [...files].map((file) => ({ file, relativePath: file.webkitRelativePath || file.name })),
    emptyDirs: [],
  };
}
