import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";
import { ChatbotPage } from "./pages/chatbot";

// The network gone, or the database down (the server's 503 with Retry-After), while a
// message is sent: the client sends the very same request again until it goes through,
// shows the message as not sent yet meanwhile, and the message is stored once. The
// failures are made in the browser (page.route) in front of a server that works.

const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;

/** A new guest sends a message while the first two POSTs to `path` fail; it shows as pending. */
async function sendWhileFailing(page: Page, path: string, failure: "abort" | "503", words: string) {
  const chat = new ChatbotPage(page);
  await chat.goto();
  const bodies = await chat.failPosts(path, 2, failure);
  const text = unique(words);
  await chat.send(text);
  await expect(chat.userMessages().getByRole("status")).toContainText("Not sent yet — retrying");
  return { chat, bodies, text };
}

for (const failure of ["abort", "503"] as const) {
  test(`a turn that fails (${failure}) is sent again with the same ids and stored once`, async ({
    page,
  }) => {
    const sent = await sendWhileFailing(page, "/api/chatbot", failure, "Teach me to knit");
    const { chat, bodies: turns, text } = sent;
    await expect(chat.userMessages()).toHaveCount(1);
    await expect(page.getByText("SkillMate is thinking")).toHaveCount(0);

    await chat.waitForReply();
    await expect(chat.pendingStatus()).toHaveCount(0);
    await expect(chat.userMessages()).toHaveText([text]);
    await expect(chat.replies()).toHaveCount(1);
    // Three attempts, one request: the same chat, message and reply ids each time.
    expect(turns).toHaveLength(3);
    expect(turns[1]).toEqual(turns[0]);
    expect(turns[2]).toEqual(turns[0]);

    const stored = await chat.expectStoredOnce(chat.chatId(), text);
    const first = turns[0] as { message: { id: string }; assistant_id: string };
    expect(stored.messages.map((m) => m.id)).toEqual([first.message.id, first.assistant_id]);
  });

  test(`a new chat whose creation fails (${failure}) is created once, then the message is sent`, async ({
    page,
  }) => {
    const sent = await sendWhileFailing(page, "/api/chats", failure, "Help me learn to swim");
    const { chat, bodies: creations, text } = sent;
    await expect(page).toHaveURL(/\/chatbot$/);

    await expect(page).toHaveURL(/\/chatbot\/c\/[0-9a-f-]{36}$/, { timeout: 15_000 });
    await chat.waitForReply();
    await expect(chat.pendingStatus()).toHaveCount(0);
    expect(creations).toHaveLength(3);
    await chat.expectStoredOnce(chat.chatId(), text);
    // The failed attempts left no chat behind.
    expect(await chat.storedChatIds()).toEqual([chat.chatId()]);
  });
}

test("Retry now skips the wait; Stop gives the message back, and sending it again keeps its id", async ({
  page,
}, testInfo) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  // Down for longer than the test: only Retry now and Send move it on.
  const turns = await chat.failPosts("/api/chatbot", 3, "503", 120);
  const text = unique("Plan my first 5k");
  await chat.send(text);
  const status = chat.pendingStatus();
  await expect(status).toContainText(/Not sent yet — retrying in \d+ s…/);
  await expect(chat.composer()).toHaveValue("");
  await page.screenshot({ path: testInfo.outputPath("pending.png") });
  const scan = await new AxeBuilder({ page }).analyze();
  expect(scan.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual(
    [],
  );

  await chat.retryNow();
  await expect.poll(() => turns.length).toBe(2);
  await expect(status).toContainText(/retrying in \d+ s/);

  // Stop: no more attempts, and the message is back in the composer, not in the chat.
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(chat.composer()).toHaveValue(text);
  await expect(chat.userMessages()).toHaveCount(0);
  await expect(status).toHaveCount(0);
  expect(turns).toHaveLength(2);

  // Sent again as it was: the same message id, so an attempt that did land is not doubled.
  await page.getByRole("button", { name: "Send" }).click();
  await expect.poll(() => turns.length).toBe(3);
  await chat.retryNow();
  await chat.waitForReply();
  const ids = turns.map((t) => (t as { message: { id: string } }).message.id);
  expect(new Set(ids).size).toBe(1);
  await chat.expectStoredOnce(chat.chatId(), text);
});
