import { expect, type Locator, type Page } from "@playwright/test";

const CHAT_URL = /\/chatbot\/c\/([0-9a-f-]{36})$/;

/** The chatbot page (/chatbot and /chatbot/c/<id>), by the names a person sees. */
export class ChatbotPage {
  constructor(readonly page: Page) {}

  async goto(path = "/chatbot") {
    await this.page.goto(path);
    await expect(this.composer()).toBeVisible();
  }

  composer(): Locator {
    return this.page.getByRole("textbox", { name: "Message" });
  }

  title(): Locator {
    return this.page.getByRole("heading", { level: 1 });
  }

  sidebar(): Locator {
    return this.page.getByRole("navigation", { name: "Chats" });
  }

  /** The sidebar row whose link is exactly this title. */
  row(title: string): Locator {
    return this.sidebar()
      .getByRole("listitem")
      .filter({ has: this.page.getByRole("link", { name: title, exact: true }) });
  }

  userMessages(): Locator {
    return this.page.getByRole("article", { name: "You" });
  }

  replies(): Locator {
    return this.page.getByRole("article", { name: "SkillMate" });
  }

  /** Types a message and presses Send; does not wait for the reply. */
  async send(text: string) {
    await this.composer().fill(text);
    await this.page.getByRole("button", { name: "Send" }).click();
  }

  /** Waits until no reply is streaming any more. */
  async waitForReply() {
    await expect(this.page.getByRole("button", { name: "Stop" })).toHaveCount(0, {
      timeout: 15_000,
    });
    await expect(this.replies().last()).not.toHaveAttribute("aria-busy", "true");
  }

  async sendAndWait(text: string) {
    await this.send(text);
    await expect(this.page).toHaveURL(CHAT_URL);
    await this.waitForReply();
  }

  chatId(): string {
    const id = this.page.url().match(CHAT_URL)?.[1];
    if (!id) throw new Error(`not on a chat's page: ${this.page.url()}`);
    return id;
  }

  async newChat() {
    await this.page.getByRole("button", { name: "New chat" }).click();
    await expect(this.page).toHaveURL(/\/chatbot$/);
    await expect(this.title()).toHaveText("New chat");
  }

  async open(title: string) {
    await this.row(title).getByRole("link").click();
    await expect(this.title()).toHaveText(title);
  }

  async share(title: string) {
    await this.row(title).getByRole("button", { name: "Share chat" }).click();
    await expect(this.row(title).getByRole("button", { name: "Stop sharing" })).toBeVisible();
  }

  async stopSharing(title: string) {
    await this.row(title).getByRole("button", { name: "Stop sharing" }).click();
    await expect(this.row(title).getByRole("button", { name: "Share chat" })).toBeVisible();
  }

  async rename(title: string, next: string) {
    await this.row(title).getByRole("button", { name: "Rename chat" }).click();
    const field = this.sidebar().getByRole("textbox", { name: "Chat title" });
    await field.fill(next);
    await field.press("Enter");
    await expect(this.row(next)).toBeVisible();
  }

  async delete(title: string) {
    await this.row(title).getByRole("button", { name: "Delete chat" }).click();
    const dialog = this.page.getByRole("dialog", { name: "Delete this chat?" });
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(this.row(title)).toHaveCount(0);
  }

  /** The top bar's "Discoverable" checkbox (offered to accounts only). */
  discoverable(): Locator {
    return this.page.getByRole("checkbox", { name: "Discoverable" });
  }

  /** The top bar's "Copy link" button of a shared chat. */
  async copyLink() {
    await this.page.getByRole("banner").getByRole("button", { name: "Copy link" }).click();
    await expect(this.toast("Link copied to the clipboard.").last()).toBeVisible();
  }

  async clipboard(): Promise<string> {
    return this.page.evaluate(() => navigator.clipboard.readText());
  }

  /** The sentence above the composer saying why the last message was not sent. */
  refusal(text: string | RegExp): Locator {
    return this.page.getByRole("alert").filter({ hasText: text });
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator("[data-sonner-toast]").filter({ hasText: text });
  }
}
