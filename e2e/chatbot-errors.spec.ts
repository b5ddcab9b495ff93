import { expect, test } from "@playwright/test";
import { ChatbotPage } from "./pages/chatbot";
import { withFakeProvider } from "./support/servers";

// Provider failures need a provider that fails on cue: this file has a server of its
// own (the same build) pointed at a fake OpenAI-compatible one.

const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";

const provider = withFakeProvider(undefined, { AI_TIMEOUT_MS: "10000" });

test.describe.configure({ mode: "serial", timeout: 60_000 });

test("a provider error shows its message, and Retry answers", async ({ page }) => {
  const chat = new ChatbotPage(page);
  provider.fake.reply({ kind: "status", status: 500, message: "upstream exploded" });
  await chat.goto(`${provider.server.url}/chatbot`);
  // A configured provider: no offline badge.
  await expect(page.getByText("Offline mode")).toHaveCount(0);

  await chat.send("Help me learn to swim");
  const failed = chat.replies().last();
  await expect(failed).toContainText(ERROR_REPLY);
  // The provider's own words stay on the server.
  await expect(failed).not.toContainText("upstream exploded");
  await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send" })).toBeVisible();
  const chatId = chat.chatId();

  // The failure is stored too: it is still there after a reload, with its Retry.
  await expect
    .poll(async () => {
      await page.reload();
      return chat.replies().last().textContent();
    })
    .toContain(ERROR_REPLY);

  provider.fake.reply({
    kind: "stream",
    chunks: ["Start", " in the", " shallow end", " with a kickboard."],
    delayMs: 30,
  });
  await page.getByRole("button", { name: "Retry" }).click();
  await chat.waitForReply();
  await expect(chat.replies()).toHaveCount(1);
  await expect(chat.replies().last()).toHaveText("Start in the shallow end with a kickboard.");
  await expect(page.getByRole("button", { name: "Retry" })).toHaveCount(0);

  // Stored: the question and the good answer, the failure gone.
  await expect
    .poll(async () => {
      const detail = await (
        await page.request.get(`${provider.server.url}/api/chats/${chatId}`)
      ).json();
      return detail.messages.map((m: { content: string; is_error: boolean }) => [
        m.content,
        m.is_error,
      ]);
    })
    .toEqual([
      ["Help me learn to swim", false],
      ["Start in the shallow end with a kickboard.", false],
    ]);
  await page.reload();
  await expect(chat.replies()).toHaveText(["Start in the shallow end with a kickboard."]);
});
