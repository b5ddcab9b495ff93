import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { ChatbotPage } from "./pages/chatbot";

// Only accounts publish to search engines: the app offers "Discoverable" to accounts only,
// and the API refuses a guest who asks anyway.

test("a guest's shared chat offers no Discoverable checkbox, and the API refuses it", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  await chat.sendAndWait("How do I start running?");
  const title = (await chat.title().textContent()) ?? "";
  await chat.share(title);
  await expect(page.getByRole("banner").getByRole("button", { name: "Copy link" })).toBeVisible();
  await expect(chat.discoverable()).toHaveCount(0);

  const refused = await page.request.patch(`/api/chats/${chat.chatId()}/`, {
    data: { is_discoverable: true },
  });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error).toMatchObject({
    code: "forbidden",
    message: expect.stringMatching(/^Only signed-in accounts can let search engines index/),
  });
});

test("an account's shared chat offers Discoverable, and checking it is saved", async ({ page }) => {
  await new AuthPages(page).signUp({
    name: "Pat",
    email: `pat-${crypto.randomUUID()}@example.test`,
    password: "a long enough password",
  });
  await expect(page.getByTestId("account-name")).toHaveText("Pat");
  const chat = new ChatbotPage(page);
  await chat.goto();
  await chat.sendAndWait("How do I start running?");
  const title = (await chat.title().textContent()) ?? "";
  // Not shared yet: nothing to make discoverable.
  await expect(chat.discoverable()).toHaveCount(0);
  await chat.share(title);

  await expect(chat.discoverable()).not.toBeChecked();
  await chat.discoverable().check();
  await expect(chat.toast("Search engines may now index this shared chat.")).toBeVisible();
  const saved = await page.request.get(`/api/chats/${chat.chatId()}/`);
  expect(await saved.json()).toMatchObject({ is_shared: true, is_discoverable: true });
  await page.reload();
  await expect(chat.discoverable()).toBeChecked();
});
