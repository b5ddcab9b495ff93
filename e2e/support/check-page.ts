import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, type TestInfo } from "@playwright/test";

/** The widths every new screen is looked at: a laptop and a phone. */
export const CHECK_WIDTHS = [
  [1280, 800],
  [390, 844],
] as const;

/**
 * At each width: no axe violation (in `include` only, when given), and a screenshot
 * `<name>-<width>.png` in the test's output, to be looked at. `atWidth` runs first at each
 * (a phone needs its drawer opened). The viewport is put back as it was.
 */
export async function checkAtWidths(
  page: Page,
  testInfo: TestInfo,
  name: string,
  {
    fullPage = false,
    include,
    atWidth,
  }: { fullPage?: boolean; include?: string; atWidth?: (width: number) => Promise<void> } = {},
) {
  const before = page.viewportSize();
  for (const [width, height] of CHECK_WIDTHS) {
    await page.setViewportSize({ width, height });
    await atWidth?.(width);
    const axe = include ? new AxeBuilder({ page }).include(include) : new AxeBuilder({ page });
    expect((await axe.analyze()).violations.map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`${name}-${width}.png`), fullPage });
  }
  if (before) await page.setViewportSize(before);
}
