// Locators and actions on the file browser that several specs share.
import type { Locator, Page } from "@playwright/test";

export const grid = (page: Page): Locator => page.getByRole("grid");
export const rows = (page: Page): Locator => page.getByTestId("file-row");
export const row = (page: Page, name: string): Locator =>
  page.locator(`[data-testid="file-row"][data-name="${name}"]`);

/** Row names in display order (of the rows currently rendered by the virtualised grid). */
export async function rowNames(page: Page): Promise<string[]> {
  const handles = await rows(page).evaluateAll((els) =>
    els
      .map((el) => ({
        name: el.getAttribute("data-name") ?? "",
        index: Number(el.getAttribute("aria-rowindex")),
      }))
      .sort((a, b) => a.index - b.index)
      .map((r) => r.name),
  );
  return handles;
}

/** The name of the grid's active row (its aria-activedescendant). */
export async function activeRowName(page: Page): Promise<string | null> {
  return grid(page).evaluate((el) => {
    const id = el.getAttribute("aria-activedescendant");
    return id ? (document.getElementById(id)?.getAttribute("data-name") ?? null) : null;
  });
}
