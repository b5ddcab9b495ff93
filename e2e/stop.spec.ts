import { expect, test } from "@playwright/test";
import type { FakeReply } from "../tests/helpers/fake-openai-server";
import { ChatbotPage } from "./pages/chatbot";
import { withFakeProvider } from "./support/servers";

// Stop needs a reply that is still streaming when it is pressed. Against the offline
// responder that was a race: its whole reply streams in about 4 s, and in one busy CI
// run it was over, twice, between the test seeing its first words and the click. Here
// the provider streams a few words and then holds the reply, so only Stop can end it.

const PARTIAL = "Start with three open chords";
const HELD: FakeReply = {
  kind: "stream",
  chunks: ["Start", " with three", " open chords", " and never this"],
  hangAfter: 3,
};

// A held reply the test fails to stop still ends, well within the test's time.
const provider = withFakeProvider(HELD, { AI_TIMEOUT_MS: "30000" });

test.describe.configure({ mode: "serial", timeout: 60_000 });

/** The open chat's messages as stored: type, content, is_error. */
async function stored(chat: ChatbotPage) {
  const { messages } = await chat.stored(chat.chatId());
  return messages.map((m) => [m.message_type, m.content, m.is_error]);
}

test("Enter sends, and Stop keeps the partial reply, on screen and stored as it stood", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  await chat.goto(`${provider.server.url}/chatbot`);
  const aborted = page.waitForEvent("requestfailed", (r) => r.url().endsWith("/api/chatbot"));
  await chat.composer().fill("I want to learn the guitar");
  await chat.composer().press("Enter");
  await expect(chat.replies().last().locator(".markdown")).toHaveText(PARTIAL);

  await page.getByRole("button", { name: "Stop" }).click();
  await aborted;
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(chat.replies().last()).not.toHaveAttribute("aria-busy", "true");
  await expect(chat.replies().last()).toHaveText(PARTIAL);

  await expect(page).toHaveURL(/\/chatbot\/c\//);
  await expect
    .poll(() => stored(chat))
    .toEqual([
      ["user", "I want to learn the guitar", false],
      ["assistant", PARTIAL, false],
    ]);
  await page.reload();
  await expect(chat.replies()).toHaveText([PARTIAL]);
});

test("Stop and Escape end a streaming reply, and the focus returns to the composer", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  await chat.goto(`${provider.server.url}/chatbot`);
  const stop = page.getByRole("button", { name: "Stop" });

  await chat.send("I want to learn the guitar");
  await expect(stop).toHaveAttribute("aria-keyshortcuts", "Escape");
  await expect(stop).toHaveAttribute("title", /Esc/);
  await expect(chat.replies().last().locator(".markdown")).toHaveText(PARTIAL);
  await stop.click();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  await expect(chat.composer()).toBeFocused();

  // Escape, with the focus elsewhere in the workspace (the first reply's Copy).
  await chat.send("And how do I tune it?");
  await expect(chat.replies()).toHaveCount(2);
  await expect(chat.replies().last().locator(".markdown")).toHaveText(PARTIAL);
  await expect(chat.replies().last()).toHaveAttribute("aria-busy", "true");
  await chat.replies().first().getByRole("button", { name: "Copy", exact: true }).focus();
  await page.keyboard.press("Escape");
  await expect(stop).toHaveCount(0);
  await expect(chat.composer()).toBeFocused();
  await expect(chat.replies().last()).not.toHaveAttribute("aria-busy", "true");
  await expect(chat.replies()).toHaveText([PARTIAL, PARTIAL]);

  await expect
    .poll(() => stored(chat))
    .toEqual([
      ["user", "I want to learn the guitar", false],
      ["assistant", PARTIAL, false],
      ["user", "And how do I tune it?", false],
      ["assistant", PARTIAL, false],
    ]);
});
