import { expect, type Locator, type Page } from "@playwright/test";

/** The "Share options" dialog of a chat, by the names a person sees. */
export class ShareOptions {
  constructor(readonly page: Page) {}

  dialog(): Locator {
    return this.page.getByRole("dialog", { name: "Share options" });
  }

  /** "What is public now": the chat's sharing as the server last answered it. */
  status(): Locator {
    return this.dialog().getByRole("region", { name: "What is public now" });
  }

  /** Opens it from the top bar's "More chat actions" menu (the open chat). */
  async openFromTopBar() {
    await this.page.getByRole("banner").getByRole("button", { name: "More chat actions" }).click();
    await this.page.getByRole("menuitem", { name: "Share options…" }).click();
    await expect(this.dialog()).toBeVisible();
  }

  /** Opens it from the menu of a sidebar row. */
  async openFromRow(row: Locator) {
    await row.getByRole("button", { name: "More chat actions" }).click();
    await this.page.getByRole("menuitem", { name: "Share options…" }).click();
    await expect(this.dialog()).toBeVisible();
  }

  button(name: string): Locator {
    return this.dialog().getByRole("button", { name, exact: true });
  }

  expiry(): Locator {
    return this.dialog().getByRole("combobox", { name: "Expiry" });
  }

  mode(name: "Live" | "Snapshot"): Locator {
    return this.dialog().getByRole("radio", { name });
  }

  /** The list of what the privacy check found, once it has answered. */
  findings(): Locator {
    return this.dialog().getByRole("list", { name: "Private details found" }).getByRole("listitem");
  }

  /** A finding's "Hide in the shared copy" box. */
  hideBox(finding: Locator): Locator {
    return finding.getByRole("checkbox", { name: "Hide in the shared copy" });
  }

  notice(): Locator {
    return this.dialog().getByRole("status").filter({ hasNotText: "Checking" });
  }

  alert(): Locator {
    return this.dialog().getByRole("alert");
  }

  /** The link the dialog shows as public now. */
  async link(): Promise<string> {
    return (await this.status().locator("code").textContent()) ?? "";
  }

  async close() {
    await this.page.keyboard.press("Escape");
    await expect(this.dialog()).toHaveCount(0);
  }
}
