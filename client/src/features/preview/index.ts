// The preview feature: what a selected file looks like in the details panel.
export { PreviewPane, type PreviewPaneProps } from "./preview-pane";
