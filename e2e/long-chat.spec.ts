import { expect, test } from "@playwright/test";
import { ChatbotPage, type StoredMessage } from "./pages/chatbot";

// A long chat opens with its latest messages, here 40 short ones (lib/chats/latest-messages.ts);
// the earlier ones appear as the reader scrolls up, without moving the text in view, or all
// at once.

const TOTAL = 300;

// One after the other: each draws a long chat's markdown in the browser, and two at once
// on CI's two cores slowed Show all past its wait (seen once).
test.describe.configure({ mode: "default" });

function longChat(total = TOTAL): Pick<StoredMessage, "message_type" | "content">[] {
  return Array.from({ length: total }, (_, i) =>
    i % 2 === 0
      ? { message_type: "user", content: `Question ${i / 2 + 1}` }
      : {
          message_type: "assistant",
          content: `### Answer ${(i + 1) / 2}\n\nPractise for **ten minutes**, then rest.\n\n- one\n- two`,
        },
  );
}

test("a long chat opens with its latest messages and shows earlier ones as the reader scrolls up", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  const created = await chat.createChat(longChat());
  await chat.goto(`/chatbot/c/${created.id}`);

  const articles = page.getByRole("region", { name: "Conversation" }).getByRole("article");
  await expect(chat.replies().last()).toContainText("Answer 150");
  await expect(chat.replies().last()).toBeInViewport();
  await expect(articles).toHaveCount(40);
  const more = page.getByRole("button", { name: `Show ${TOTAL - 40} earlier messages` });
  await expect(more).toBeAttached();

  // Scrolling up: more messages arrive above, and the text in view stays where it is, even
  // when the reader goes on scrolling while they load.
  const scroller = page.locator('section[aria-label="Conversation"]').locator("xpath=..");
  const reading = chat.replies().filter({ hasText: "Answer 135" });
  await scroller.evaluate((el) => {
    el.scrollTop = 1200;
  });
  for (let i = 0; i < 5; i++) await scroller.evaluate((el) => el.scrollBy(0, -100));
  const before = await reading.boundingBox();
  await expect.poll(() => articles.count()).toBeGreaterThan(40);
  expect(Math.abs(((await reading.boundingBox())?.y ?? 0) - (before?.y ?? 0))).toBeLessThan(2);

  // All at once, for a reader who wants to search the page.
  await page.getByRole("button", { name: /^Show \d+ earlier messages$/ }).click();
  // Hundreds of messages drawn at once: longer than most waits on a busy machine.
  await expect(articles).toHaveCount(TOTAL, { timeout: 30_000 });
  await expect(page.getByRole("button", { name: /earlier message/ })).toHaveCount(0);
  await expect(chat.userMessages().first()).toHaveText("Question 1");
});

test("an edit of the first message shown keeps the earlier ones within reach", async ({ page }) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  const created = await chat.createChat(longChat(100));
  await chat.goto(`/chatbot/c/${created.id}`);
  const articles = page.getByRole("region", { name: "Conversation" }).getByRole("article");
  await expect(articles).toHaveCount(40);

  // The first one shown, named by its text: the earlier ones may arrive in front of it at
  // any moment (they load as the view nears them).
  await expect(chat.userMessages().first()).toHaveText("Question 31");
  const first = chat.userMessages().filter({ hasText: /^Question 31$/ });
  await first.hover();
  await first.getByRole("button", { name: "Edit" }).click();
  await page.getByRole("textbox", { name: "Edited message" }).fill("Question 31, edited");
  await page.keyboard.press("Enter");
  await chat.waitForReply();
  await expect(chat.userMessages().last()).toHaveText("Question 31, edited");

  // The 60 before it are still in the chat, and still shown on request (or already shown,
  // when the short new turn left the button in view and it loaded them on its own).
  const more = page.getByRole("button", { name: /^Show \d+ earlier messages$/ });
  await expect
    .poll(
      async () => {
        if (await more.isVisible()) await more.click().catch(() => {});
        return articles.count();
      },
      { timeout: 30_000 },
    )
    .toBe(62);
  await expect(chat.userMessages().first()).toHaveText("Question 1");
  await expect(page.getByRole("button", { name: /earlier message/ })).toHaveCount(0);
  await expect.poll(async () => (await chat.stored(created.id)).messages.length).toBe(62);
});
