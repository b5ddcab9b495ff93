import { readFile } from "node:fs/promises";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { ChatbotPage } from "./pages/chatbot";
import { checkAtWidths } from "./support/check-page";

// Exports from the chat page: "Export as Markdown" and "Export as JSON" in the open
// chat's Export menu, "Export all chats" at the foot of the sidebar; each a file saved
// under the name the server gives it, holding the visitor's chats.

async function chatWith(request: APIRequestContext, title: string, contents: string[]) {
  const created = await request.post("/api/chats", {
    data: {
      title,
      messages: contents.map((content, i) => ({
        message_type: i % 2 === 0 ? "user" : "assistant",
        content,
      })),
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string };
}

/** Clicks a link that downloads, and answers the file's suggested name and text. */
async function download(page: Page, click: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent("download"), click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, "utf8") };
}

test("a chat exports as Markdown and as JSON, and every chat as NDJSON", async ({
  page,
}, testInfo) => {
  const chatbot = new ChatbotPage(page);
  await chatbot.goto();
  const day = new Date().toISOString().slice(0, 10);
  const first = await chatWith(page.request, "Café practice", ["How do I *start*?", "Slowly."]);
  await chatWith(page.request, "Second chat", ["Hello"]);

  await chatbot.goto(`/chatbot/c/${first.id}`);
  // The top bar's "More chat actions" menu holds the downloads.
  const openMenu = () =>
    page.getByRole("banner").getByRole("button", { name: "More chat actions" }).click();
  const item = (name: string) => page.getByRole("menuitem", { name });
  await openMenu();
  await expect(item("Export as Markdown")).toBeVisible();
  await checkAtWidths(page, testInfo, "export-menu");

  const markdown = await download(page, () => item("Export as Markdown").click());
  expect(markdown.name).toBe(`café-practice-${day}.md`);
  expect(markdown.text).toMatch(/^# Café practice\n/);
  expect(markdown.text).toContain("\n\nHow do I *start*?\n");
  // A choice closes the menu.
  await expect(item("Export as JSON")).toBeHidden();

  await openMenu();
  const json = await download(page, () => item("Export as JSON").click());
  expect(json.name).toBe(`café-practice-${day}.json`);
  const document = JSON.parse(json.text);
  expect(document.type).toBe("skillmate.export");
  expect(document.chats[0].messages.map((m: { content: string }) => m.content)).toEqual([
    "How do I *start*?",
    "Slowly.",
  ]);

  const all = await download(page, () =>
    chatbot.sidebar().getByRole("link", { name: "Export all chats" }).click(),
  );
  expect(all.name).toBe(`skillmate-chats-${day}.ndjson`);
  const lines = all.text
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(lines.map((line) => line.type)).toEqual(["skillmate.export", "chat", "chat", "end"]);
  expect(lines.slice(1, 3).map((line) => line.title)).toEqual(["Café practice", "Second chat"]);
});
