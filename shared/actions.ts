// The actions a volume policy decides on. Isomorphic: the client uses the same names to decide
// which buttons to show, so this file must not import anything from Node.
export const READ_ACTIONS = ["list", "read", "download", "raw", "exists", "metadata", "preview"] as const;
// `move` is ours, not AppKit's: a rename/move inside one volume. It changes the volume, so it is a
// write, and the server checks it against both the source and the destination path.
export const WRITE_ACTIONS = ["upload", "mkdir", "delete", "move"] as const;

export type ReadAction = (typeof READ_ACTIONS)[number];
export type WriteAction = (typeof WRITE_ACTIONS)[number];
export type FileAction = ReadAction | WriteAction;

export const ALL_ACTIONS: readonly FileAction[] = [...READ_ACTIONS, ...WRITE_ACTIONS];

const readSet: ReadonlySet<string> = new Set(READ_ACTIONS);
const writeSet: ReadonlySet<string> = new Set(WRITE_ACTIONS);

export function isFileAction(value: string): value is FileAction {
  return readSet.has(value) || writeSet.has(value);
}

export function isReadAction(action: string): action is ReadAction {
  return readSet.has(action);
}

export function isWriteAction(action: string): action is WriteAction {
  return writeSet.has(action);
}
