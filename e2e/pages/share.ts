import { expect, type Page } from "@playwright/test";

/** The public share page, by what a visitor sees. */
export class SharePage {
  constructor(private readonly page: Page) {}

  async open(shareId: string) {
    return this.page.goto(`/chatbot/share/${shareId}`);
  }

  title() {
    return this.page.getByRole("heading", { level: 1 });
  }

  conversation() {
    return this.page.getByRole("list", { name: "Conversation" });
  }

  async continueConversation() {
    await this.page.getByRole("button", { name: "Continue this conversation" }).click();
    await expect(this.page).toHaveURL(/\/chatbot\/c\/[0-9a-f-]{36}$/);
  }

  async copyLink() {
    await this.page.getByRole("button", { name: "Copy link" }).click();
    await expect(this.page.getByRole("status")).toHaveText("Link copied to the clipboard.");
  }
}
