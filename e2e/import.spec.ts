import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";
import { generatedConversation } from "../tests/helpers/chatgpt-export";
import { ChatbotPage } from "./pages/chatbot";
import { checkAtWidths } from "./support/check-page";
import { startServer } from "./support/servers";

// Settings → Import chats, as a guest: ChatGPT's conversations.json lands in the sidebar,
// the same file again adds nothing, a broken file says what is wrong, and a file of
// several megabytes goes through next start with its upload progress.

const fixture = readFileSync(
  path.join(import.meta.dirname, "../tests/fixtures/chatgpt-conversations.json"),
);

async function importFile(page: Page, name: string, buffer: Buffer, mimeType = "application/json") {
  const section = page.getByRole("region", { name: "Import chats" });
  await section.getByLabel("File to import").setInputFiles({ name, mimeType, buffer });
  await section.getByRole("button", { name: "Import chats" }).click();
  return section;
}

test("a guest imports ChatGPT's conversations.json from the settings page", async ({
  page,
}, testInfo) => {
  await page.goto("/chatbot/settings");
  const section = page.getByRole("region", { name: "Import chats" });
  await expect(section).toBeVisible();
  await checkAtWidths(page, testInfo, "import-empty", { fullPage: true });

  await importFile(page, "conversations.json", fixture);
  const status = section.getByRole("status");
  await expect(status).toContainText("Imported 4 chats with 11 messages.");
  await status.getByText("Skipped 1 conversation").click();
  await expect(status).toContainText("New chat: no messages to import");
  await checkAtWidths(page, testInfo, "import-done", { fullPage: true });

  await importFile(page, "conversations.json", fixture);
  await expect(status).toContainText("Imported 0 chats with 0 messages.");
  await status.getByText("Skipped 5 conversations").click();
  await expect(status).toContainText("Lighthouse story: already imported");

  const broken = Buffer.from(JSON.stringify([{ id: "x", title: "Broken one", mapping: [] }]));
  await importFile(page, "broken.json", broken);
  const alert = section.getByRole("alert");
  await expect(alert).toContainText("conversation 1 (“Broken one”): mapping is not an object");
  await expect(alert).toContainText("Nothing from this file was imported.");
  await checkAtWidths(page, testInfo, "import-error", { fullPage: true });

  const chatbot = new ChatbotPage(page);
  await page.goto("/chatbot");
  await expect(chatbot.sidebar().getByRole("link", { name: "Lighthouse story" })).toBeVisible();
});

test("a file of several megabytes goes through, with its upload progress", async ({ page }) => {
  test.setTimeout(180_000);
  const conversations = Array.from({ length: 1200 }, (_, i) => generatedConversation(i, 5, 2000));
  const big = Buffer.from(JSON.stringify(conversations));
  expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
  // A server and embedded database of its own: the import is one transaction, and the
  // embedded database has one connection, so the other tests' writes would wait on it for
  // as long as it takes (seen: another test's reply stored more than 10 s late).
  const server = await startServer({ DATABASE_URL: "" });
  try {
    await page.goto(`${server.url}/chatbot/settings`);
    const section = await importFile(page, "conversations.json", big);
    await expect(section.getByRole("progressbar", { name: "Upload progress" })).toBeVisible();
    await expect(section.getByRole("status")).toContainText(
      "Imported 1200 chats with 12000 messages.",
      { timeout: 120_000 },
    );
  } finally {
    await server.stop();
  }
});
