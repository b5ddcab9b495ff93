import { type APIRequestContext, expect, test } from "@playwright/test";
import { ChatbotPage } from "./pages/chatbot";
import { checkAtWidths } from "./support/check-page";

// Before a chat's first share the app checks it for private details: a clean chat is
// shared at once; otherwise a dialog lists what was found (masked) and the owner decides.

const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;
const EMAIL = "jane.doe@gmail.com";
const KEY = "sk_live_CsMehGAkWvj7FAc9QeWJKY40";

async function createChat(request: APIRequestContext, title: string, contents: string[]) {
  const created = await request.post("/api/chats", {
    data: {
      title,
      messages: contents.map((content) => ({ message_type: "user", content })),
    },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string; share_id: string };
}

test("a chat with an email and an API key: the dialog lists both, masked; Cancel keeps it private, Share anyway shares it", async ({
  page,
  context,
  baseURL,
}, testInfo) => {
  test.setTimeout(90_000);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatbotPage(page);
  const title = unique("Stripe help");
  const created = await createChat(page.request, title, [
    `Here is my key ${KEY}, does it work?`,
    `Reply to ${EMAIL} when it does.`,
  ]);
  await chat.goto(`/chatbot/c/${created.id}`);

  const shareButton = chat.row(title).getByRole("button", { name: "Share chat" });
  const dialog = page.getByRole("dialog", { name: "Share this chat?" });
  await shareButton.click();
  await expect(dialog).toBeVisible();
  const findings = dialog
    .getByRole("list", { name: "Private details found" })
    .getByRole("listitem");
  await expect(findings).toHaveCount(2);
  await expect(findings.nth(0)).toContainText("API key");
  await expect(findings.nth(0)).toContainText("sk_live_…KY40");
  await expect(findings.nth(1)).toContainText("Email address");
  await expect(findings.nth(1)).toContainText("j***@g***.com");
  await expect(dialog).not.toContainText(KEY);
  await expect(dialog).not.toContainText(EMAIL);

  await checkAtWidths(page, testInfo, "privacy-dialog", { include: "dialog[open]" });

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(shareButton).toBeVisible();
  expect((await (await page.request.get(`/api/chats/${created.id}`)).json()).is_shared).toBe(false);

  await shareButton.click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Share anyway" }).click();
  await expect(chat.row(title).getByRole("button", { name: "Stop sharing" })).toBeVisible();
  await expect(chat.toast("Link copied")).toBeVisible();
  expect(await chat.clipboard()).toBe(`${baseURL}/chatbot/share/${created.share_id}`);
});

test("a clean chat is shared at once, its link copied, no dialog", async ({
  page,
  context,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatbotPage(page);
  const title = unique("Guitar chords");
  const created = await createChat(page.request, title, [
    "How do I play G major? 320003, capo on 2; see ISBN 978-0-13-110362-7 and 2^64 = 18446744073709551616.",
  ]);
  await chat.goto(`/chatbot/c/${created.id}`);
  await chat.share(title);
  await expect(chat.toast("Link copied")).toBeVisible();
  expect(await chat.clipboard()).toBe(`${baseURL}/chatbot/share/${created.share_id}`);
  await expect(page.getByRole("dialog", { name: "Share this chat?" })).toHaveCount(0);
});
