export { FileGrid, type FileGridHandle } from "./file-grid";
export { ROW_HEIGHT } from "./grid-row";
