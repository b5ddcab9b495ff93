import { expect, test } from "@playwright/test";
import { type FakeOpenAIServer, startFakeOpenAIServer } from "../tests/helpers/fake-openai-server";
import { ChatbotPage } from "./pages/chatbot";
import { type Server, startServer } from "./support/servers";

// Provider failures need a provider that fails on cue: this file starts its own
// `next start` (the same build) pointed at a fake OpenAI-compatible server, so no test
// hook lives in the production code.

const ERROR_REPLY = "SkillMate could not answer just now. Please try again.";

let fake: FakeOpenAIServer;
let server: Server;
let baseURL: string;

test.describe.configure({ mode: "serial", timeout: 60_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  fake = await startFakeOpenAIServer();
  server = await startServer({
    DATABASE_URL: "",
    AI_BASE_URL: fake.baseURL,
    AI_MODEL: "test",
    AI_TIMEOUT_MS: "10000",
  });
  baseURL = server.url;
});

test.afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

test("a provider error shows its message, and Retry answers", async ({ page }) => {
  const chat = new ChatbotPage(page);
  fake.reply({ kind: "status", status: 500, message: "upstream exploded" });
  await chat.goto(`${baseURL}/chatbot`);
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

  fake.reply({
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
      const detail = await (await page.request.get(`${baseURL}/api/chats/${chatId}`)).json();
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
