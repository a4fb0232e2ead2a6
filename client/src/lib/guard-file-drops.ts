/**
 * A file dropped anywhere outside a drop zone would make the browser open it in place of the
 * app (losing uploads in flight). Drop zones handle their drops first; this refuses the rest.
 */
export function guardFileDrops(target: Window = window): void {
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes("Files") ?? false;
  target.addEventListener("dragover", (event) => {
    if (!carriesFiles(event) || event.defaultPrevented) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = "none";
  });
  target.addEventListener("drop", (event) => {
    if (carriesFiles(event)) event.preventDefault();
  });
}
