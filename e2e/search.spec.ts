import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// Search from the sidebar and with Ctrl+K: results as one types, matches marked, and a
// result opens its chat at the message that matched, highlighted, even far above the
// messages a chat page opens with.

test("search chats and open one at the message that matched", async ({ page }, testInfo) => {
  await page.goto("/chatbot");
  // A long chat whose only mention of the word is its second message: far above the
  // latest ones the page opens with.
  const messages = Array.from({ length: 80 }, (_, i) => ({
    message_type: i % 2 === 0 ? "user" : "assistant",
    content:
      i === 1
        ? "Hold the **bow** loosely: the thumb bent, the little finger resting on the stick."
        : `Practice note ${i}: scales, slowly, with a metronome.`,
  }));
  const long = await page.request.post("/api/chats/create-with-messages", {
    data: { title: "Violin lessons", messages },
  });
  expect(long.status()).toBe(201);
  const target = (await long.json()).messages[1].id as string;
  const other = await page.request.post("/api/chats", {
    data: {
      title: "Bow hunting basics",
      messages: [{ message_type: "user", content: "Which bow weight?" }],
    },
  });
  expect(other.status()).toBe(201);

  await page.goto("/chatbot");
  const dialog = page.getByRole("dialog", { name: "Search chats" });
  // The shortcut listens once the page has hydrated: pressed again until then.
  await expect(async () => {
    await page.keyboard.press("Control+k");
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(dialog.getByRole("searchbox", { name: "Search chats" })).toBeFocused();
  await page.keyboard.type("bow");
  const results = dialog.getByRole("list", { name: "Search results" });
  await expect(results.getByRole("link")).toHaveCount(3);
  await expect(dialog.getByRole("status")).toHaveText("3 results");
  // Best first: the title that is the word, then the messages; each match marked.
  await expect(results.getByRole("link").first()).toContainText("Bow hunting basics");
  await expect(results.locator("mark").first()).toHaveText(/bow/i);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("search-1280.png") });

  // The arrow keys go through the results; Enter opens one.
  const violin = results.getByRole("link").filter({ hasText: "Violin lessons" });
  await page.keyboard.press("ArrowDown");
  await expect(results.getByRole("link").first()).toBeFocused();
  for (let i = 0; i < 3; i++) {
    if (await violin.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press("ArrowDown");
  }
  await expect(violin).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/chatbot/c/[0-9a-f-]+\\?m=${target}$`));
  await expect(dialog).toBeHidden();
  const message = page.locator(`[data-message-id="${target}"]`);
  await expect(message).toBeInViewport();
  await expect(message).toContainText("Hold the bow loosely");
  await expect(message).toHaveClass(/outline-amber/);
  await page.screenshot({ path: testInfo.outputPath("search-opened-1280.png") });

  // From the sidebar's button on a phone; nothing found says so; Escape closes.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/chatbot");
  await page.getByRole("button", { name: "Open chats" }).click();
  await page.getByRole("button", { name: /Search chats/ }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.type("kayak");
  await expect(dialog.getByRole("status")).toHaveText("No chats match “kayak”.");
  await page.getByRole("searchbox", { name: "Search chats" }).fill("metronome");
  await expect(results.getByRole("link").first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("search-390.png") });
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});
