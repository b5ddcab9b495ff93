import { expect, type Locator, type Page } from "@playwright/test";

const CHAT_URL = /\/chatbot\/c\/([0-9a-f-]{36})$/;

export type StoredMessage = {
  id: string;
  message_type: "user" | "assistant";
  content: string;
  is_error: boolean;
};

export type StoredChat = { id: string; title: string; messages: StoredMessage[] };

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

  /**
   * Waits until no reply is streaming any more. A whole offline reply at 60 ms a chunk
   * took 12-19 s under CI's load (two workers and the server on two cores): 40 s by
   * default, which only a failing wait ever uses up.
   */
  async waitForReply({ timeout = 40_000 }: { timeout?: number } = {}) {
    await expect(this.page.getByRole("button", { name: "Stop" })).toHaveCount(0, { timeout });
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
    await this.page.getByRole("button", { name: "New chat", exact: true }).click();
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

  /** The line under a message the server has not taken yet ("Not sent yet — retrying…"). */
  pendingStatus(): Locator {
    return this.page.getByRole("status").filter({ hasText: /— retrying/ });
  }

  async retryNow() {
    await this.page.getByRole("button", { name: "Retry now" }).click();
  }

  /** The notice of a reply that never came or broke off, with its Retry. */
  interrupted(): Locator {
    return this.replies().filter({ hasText: "The reply was interrupted." });
  }

  /** A chat made through the API by the page itself (so its guest owns it); needs a page of the site open. */
  async createChat(
    messages: Pick<StoredMessage, "message_type" | "content">[],
  ): Promise<StoredChat> {
    return this.page.evaluate(
      async (body) => {
        const response = await fetch("/api/chats", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        if (response.status !== 201) throw new Error(`POST /api/chats: ${response.status}`);
        return response.json();
      },
      { messages },
    );
  }

  /** The chat as stored, read by the page itself (GET /api/chats/<id>/ with its cookies). */
  async stored(chatId: string): Promise<StoredChat> {
    return this.page.evaluate(async (id) => {
      const response = await fetch(`/api/chats/${id}/`);
      if (!response.ok) throw new Error(`GET /api/chats/${id}/: ${response.status}`);
      return response.json();
    }, chatId);
  }

  /**
   * Records the JSON bodies POSTed to `path` from now on, and fails the first `times` of
   * them: as a dropped connection ("abort"), or as the contract's 503 `unavailable` with
   * `Retry-After: retryAfter` ("503"). The rest go through to the server.
   */
  async failPosts(
    path: string,
    times: number,
    failure: "abort" | "503" = "abort",
    retryAfter = 1,
  ): Promise<Record<string, unknown>[]> {
    const bodies: Record<string, unknown>[] = [];
    let left = times;
    await this.page.route(
      (url) => url.pathname === path,
      async (route) => {
        if (route.request().method() !== "POST") return route.fallback();
        bodies.push(route.request().postDataJSON());
        if (left-- <= 0) return route.fallback();
        if (failure === "abort") return route.abort("internetdisconnected");
        return route.fulfill({
          status: 503,
          headers: { "retry-after": String(retryAfter) },
          contentType: "application/json",
          body: JSON.stringify({
            error: { code: "unavailable", message: "The service is briefly unavailable." },
          }),
        });
      },
    );
    return bodies;
  }

  /**
   * Waits until the chat holds `text` once and one reply after it, and shows just that
   * after a reload (no notice, nothing doubled). Resolves with the stored chat.
   */
  async expectStoredOnce(chatId: string, text: string): Promise<StoredChat> {
    await expect
      .poll(async () => (await this.stored(chatId)).messages.map((m) => m.message_type))
      .toEqual(["user", "assistant"]);
    const stored = await this.stored(chatId);
    expect(stored.messages[0]?.content).toBe(text);
    expect(stored.messages[1]?.is_error).toBe(false);
    await this.page.reload();
    await expect(this.userMessages()).toHaveText([text]);
    await expect(this.replies()).toHaveCount(1);
    await expect(this.interrupted()).toHaveCount(0);
    return stored;
  }

  /** The ids of the caller's chats, read by the page itself. */
  async storedChatIds(): Promise<string[]> {
    return this.page.evaluate(async () => {
      const response = await fetch("/api/chats/");
      const body: { results: { id: string }[] } = await response.json();
      return body.results.map((chat) => chat.id);
    });
  }
}
