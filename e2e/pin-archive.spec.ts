import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, type Request, test } from "@playwright/test";
import { checkAtWidths } from "./support/check-page";

// Pinning and archiving from the chat's menu: pinned chats head the sidebar (across a
// reload, however old), archived ones leave it for the Archived chats page, with Undo.

async function newChat(request: APIRequestContext, title: string) {
  const created = await request.post("/api/chats", {
    data: { title, messages: [{ message_type: "user", content: `About ${title}` }] },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as { id: string; title: string };
}

async function chooseFromMenu(page: Page, title: string, item: string) {
  const row = page
    .getByRole("navigation", { name: "Chats" })
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await row.hover();
  await row.getByRole("button", { name: "More chat actions" }).click();
  const menu = page.getByRole("menu", { name: "More chat actions" });
  await expect(menu).toBeVisible();
  // The menu takes the focus, and the arrow keys move in it.
  await expect(menu.getByRole("menuitem").first()).toBeFocused();
  await menu.getByRole("menuitem", { name: item }).click();
  await expect(menu).toBeHidden();
}

test("pin and archive from the chat's menu", async ({ page }, testInfo) => {
  await page.goto("/chatbot");
  // Pinned: the oldest of three, so that only the pin puts it first.
  const oldest = await newChat(page.request, "Juggling");
  await newChat(page.request, "Origami");
  await newChat(page.request, "Pottery");

  await page.goto("/chatbot");
  const sidebar = page.getByRole("navigation", { name: "Chats" });
  await chooseFromMenu(page, oldest.title, "Pin chat");
  const pinned = sidebar.getByRole("region", { name: "Pinned" });
  await expect(pinned.getByRole("link")).toHaveText([oldest.title]);
  await page.reload();
  await expect(sidebar.getByRole("region", { name: "Pinned" }).getByRole("link")).toHaveText([
    oldest.title,
  ]);
  await expect(sidebar.getByRole("link", { name: oldest.title, exact: true })).toHaveCount(1);

  // Keyboard: open the menu, move with the arrows, Escape closes it.
  const row = sidebar
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Origami", exact: true }) });
  await row.getByRole("button", { name: "More chat actions" }).focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("menu", { name: "More chat actions" });
  await expect(menu.getByRole("menuitem", { name: "Share options…" })).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath("chat-menu-1280.png") });
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Pin chat" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Archive chat" })).toBeFocused();
  await page.keyboard.press("End");
  await expect(menu.getByRole("menuitem", { name: "Delete" })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(menu.getByRole("menuitem", { name: "Share options…" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();

  await checkAtWidths(page, testInfo, "pinned", {
    atWidth: async (width) => {
      if (width < 768) await page.getByRole("button", { name: "Open chats" }).click();
    },
  });

  // Archive, then Undo from the toast; then archive for good, while the Undo is still on
  // its way (held back here): the server gets the two in the order they were made, so the
  // chat ends archived.
  await chooseFromMenu(page, "Pottery", "Archive chat");
  await expect(sidebar.getByRole("link", { name: "Pottery", exact: true })).toHaveCount(0);
  const isPatch = (archived: boolean) => (request: Request) =>
    request.method() === "PATCH" && request.postDataJSON()?.is_archived === archived;
  await page.route("**/api/chats/*", async (route) => {
    if (isPatch(false)(route.request())) await new Promise((r) => setTimeout(r, 1_500));
    await route.fallback();
  });
  const unarchived = page.waitForResponse((response) => isPatch(false)(response.request()));
  // Undo shows once the first Archive is saved: from here only the second one can answer.
  await page.getByRole("button", { name: "Undo" }).click();
  const archivedAgain = page.waitForResponse((response) => isPatch(true)(response.request()));
  await expect(sidebar.getByRole("link", { name: "Pottery", exact: true })).toBeVisible();
  await chooseFromMenu(page, "Pottery", "Archive chat");
  await expect(sidebar.getByRole("link", { name: "Pottery", exact: true })).toHaveCount(0);
  await Promise.all([unarchived, archivedAgain]);
  await page.unrouteAll();
  await page.reload();
  await expect(sidebar.getByRole("link", { name: "Origami", exact: true })).toBeVisible();
  await expect(sidebar.getByRole("link", { name: "Pottery", exact: true })).toHaveCount(0);

  // The Archived chats page: open it (it says it is archived), then bring it back.
  await sidebar.getByRole("link", { name: "Archived chats" }).click();
  await expect(page.getByRole("heading", { name: "Archived chats", level: 1 })).toBeVisible();
  const archived = page.getByRole("list", { name: "Archived chats" });
  await expect(archived.getByRole("listitem")).toHaveCount(1);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("archived-1280.png"), fullPage: true });
  await archived.getByRole("link", { name: "Pottery" }).click();
  await expect(page.getByRole("banner").getByText("Archived", { exact: true })).toBeVisible();
  await expect(sidebar.getByRole("link", { name: "Pottery", exact: true })).toHaveCount(0);
  await page.goto("/chatbot/archived");
  await archived.getByRole("button", { name: "Unarchive Pottery" }).click();
  await expect(page.getByRole("status")).toHaveText('"Pottery" is back in your chat list.');
  await expect(page.getByText("You have no archived chats.")).toBeVisible();
  await page.goto("/chatbot");
  await expect(sidebar.getByRole("link", { name: "Pottery", exact: true })).toBeVisible();
});

test("on a phone a chat's row keeps its width for the title: rename and delete are in its menu", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/chatbot");
  const title = "Conversational Spanish for a trip to Seville";
  await newChat(page.request, title);
  await page.goto("/chatbot");
  await page.getByRole("button", { name: "Open chats" }).click();
  const sidebar = page.getByRole("navigation", { name: "Chats" });
  const row = sidebar
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: title, exact: true }) });
  await expect(row.getByRole("button", { name: "Rename chat" })).toBeHidden();
  await expect(row.getByRole("button", { name: "Delete chat" })).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath("rows-390.png") });

  const menu = page.getByRole("menu", { name: "More chat actions" });
  await row.getByRole("button", { name: "More chat actions" }).click();
  await menu.getByRole("menuitem", { name: "Rename" }).click();
  const field = sidebar.getByRole("textbox", { name: "Chat title" });
  await expect(field).toBeFocused();
  await field.fill("Spanish for Seville");
  await field.press("Enter");
  const renamed = sidebar
    .getByRole("listitem")
    .filter({ has: page.getByRole("link", { name: "Spanish for Seville", exact: true }) });
  await expect(renamed).toBeVisible();

  await renamed.getByRole("button", { name: "More chat actions" }).click();
  await menu.getByRole("menuitem", { name: "Delete" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete this chat?" });
  await confirm.getByRole("button", { name: "Delete" }).click();
  await expect(sidebar.getByRole("link", { name: "Spanish for Seville", exact: true })).toHaveCount(
    0,
  );
  await page.reload();
  await page.getByRole("button", { name: "Open chats" }).click();
  await expect(sidebar.getByRole("link", { name: "Spanish for Seville", exact: true })).toHaveCount(
    0,
  );
});
