// The browser feature: one folder of one volume, with its listing, actions and states.
export { ErrorState, LoadingSkeleton } from "./components/browser-states";
export type { PreviewSlotProps } from "./components/details-panel";
export { FileBrowser, type FileBrowserProps } from "./file-browser";
