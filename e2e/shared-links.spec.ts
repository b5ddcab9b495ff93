import { type APIRequestContext, expect, test } from "@playwright/test";
import { ShareOptions } from "./pages/share-options";
import { checkAtWidths } from "./support/check-page";

// The Shared links page: every chat the visitor shares, its Share options, Unshare one,
// Unshare all (with a confirmation), and each revoked link dead at once.

async function sharedChat(request: APIRequestContext, title: string, options = {}) {
  const created = await request.post("/api/chats", {
    data: { title, messages: [{ message_type: "user", content: `About ${title}` }] },
  });
  expect(created.status()).toBe(201);
  const chat = await created.json();
  const shared = await request.post(`/api/chats/${chat.id}/share`, {
    data: { is_shared: true, ...options },
  });
  expect(shared.status()).toBe(200);
  return { id: chat.id as string, shareId: chat.share_id as string };
}

test("shared links: listed, unshared one by one, then all at once", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto("/chatbot");
  const knitting = await sharedChat(page.request, "Knitting");
  const chess = await sharedChat(page.request, "Chess", { mode: "snapshot", expires_in: 86_400 });
  const drums = await sharedChat(page.request, "Drums");
  const reader = await browser.newContext();
  const status = async (shareId: string) =>
    (await reader.request.get(`/chatbot/share/${shareId}`)).status();

  await page.goto("/chatbot");
  await page.getByRole("link", { name: "Shared links" }).click();
  await expect(page.getByRole("heading", { name: "Shared links", level: 1 })).toBeVisible();
  const list = page.getByRole("list", { name: "Shared chats" });
  await expect(list.getByRole("listitem")).toHaveCount(3);
  await expect(list).toContainText(`/chatbot/share/${knitting.shareId}`);
  await expect(list.getByText(/^Shared on /).first()).toBeVisible();
  // Each row says what its link shows, and until when.
  const row = (title: string) => list.getByRole("listitem").filter({ hasText: title });
  await expect(row("Knitting")).toContainText("· Live");
  await expect(row("Knitting")).not.toContainText("Expires");
  await expect(row("Chess")).toContainText(/· Snapshot of .+ · Expires /);
  await checkAtWidths(page, testInfo, "shared-links", { fullPage: true });

  // A row opens the chat's Share options, as the sidebar does; what it saves shows here.
  const options = new ShareOptions(page);
  await list.getByRole("button", { name: "Share options for Drums" }).click();
  await expect(options.dialog()).toBeVisible();
  await expect(options.mode("Live")).toBeChecked();
  await options.mode("Snapshot").check();
  await options.button("Save changes").click();
  await expect(options.notice()).toHaveText("Changes saved.");
  await options.close();
  await expect(row("Drums")).toContainText(/· Snapshot of /);
  expect((await (await page.request.get(`/api/chats/${drums.id}`)).json()).share_mode).toBe(
    "snapshot",
  );

  await list.getByRole("button", { name: "Unshare Knitting" }).click();
  await expect(page.getByRole("status")).toHaveText('"Knitting" is no longer shared.');
  await expect(list.getByRole("listitem")).toHaveCount(2);
  expect(await status(knitting.shareId)).toBe(404);
  expect(await status(chess.shareId)).toBe(200);

  // Cancel changes nothing; confirming revokes the rest.
  await page.getByRole("button", { name: "Unshare all" }).click();
  const dialog = page.getByRole("dialog", { name: "Unshare all chats?" });
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(list.getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Unshare all" }).click();
  await dialog.getByRole("button", { name: "Unshare all" }).click();
  await expect(page.getByText("You are not sharing any chat.")).toBeVisible();
  for (const { shareId } of [chess, drums]) expect(await status(shareId)).toBe(404);
  await page.reload();
  await expect(page.getByText("You are not sharing any chat.")).toBeVisible();
  await reader.close();
});
