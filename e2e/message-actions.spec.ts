import { expect, type Locator, type Page, test } from "@playwright/test";
import { ChatbotPage, type StoredMessage } from "./pages/chatbot";
import { checkAtWidths } from "./support/check-page";

// The conversation view: message actions (Copy, Edit, Regenerate, Branch in new chat), Jump
// to latest, and the
// keyboard (Ctrl+Shift+O for a new chat, Ctrl+/ for the list of shortcuts, Shift+Escape for
// the message box; Escape to stop a reply is e2e/stop.spec.ts's).
// Against the production build and the offline responder; each test is a fresh guest.

const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;

const copyOf = (message: Locator) => message.getByRole("button", { name: "Copy", exact: true });
const regenerateButton = (page: Page) => page.getByRole("button", { name: "Regenerate" });

/** How opaque an element shows, its ancestors' opacity included (0: there, but hidden). */
const shownOpacity = (element: Locator) =>
  element.evaluate((el) => {
    let opacity = 1;
    for (let node: Element | null = el; node; node = node.parentElement) {
      opacity *= Number(getComputedStyle(node).opacity);
    }
    return opacity;
  });

/** A chat made through the API, opened. */
async function openChat(
  chat: ChatbotPage,
  messages: Pick<StoredMessage, "message_type" | "content">[],
) {
  await chat.goto();
  const created = await chat.createChat(messages);
  await chat.goto(`/chatbot/c/${created.id}`);
  return created;
}

test("Copy copies a reply's markdown and a question's text; the actions never move the page", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatbotPage(page);
  const question = unique("How do I start running?");
  const answer = "Start with **three short runs** a week.\n\n- walk first\n- then jog";
  await openChat(chat, [
    { message_type: "user", content: question },
    { message_type: "assistant", content: answer },
  ]);

  // The last reply's actions are always there (a phone cannot hover); the question's
  // show on hover, in a row that was already there.
  const reply = chat.replies().last();
  await expect(copyOf(reply)).toBeVisible();
  expect(await shownOpacity(copyOf(reply))).toBe(1);
  const asked = chat.userMessages().last();
  expect(await shownOpacity(copyOf(asked))).toBe(0);
  const before = await asked.boundingBox();
  await asked.hover();
  await expect.poll(() => shownOpacity(copyOf(asked))).toBe(1);
  expect(await asked.boundingBox()).toEqual(before);

  await copyOf(reply).click();
  await expect(reply.getByText("Copied", { exact: true })).toBeVisible();
  expect(await chat.clipboard()).toBe(answer);
  // The feedback goes away by itself.
  await expect(reply.getByText("Copied", { exact: true })).toHaveCount(0);

  await asked.hover();
  await copyOf(asked).click();
  await expect(asked.getByText("Copied", { exact: true })).toBeVisible();
  expect(await chat.clipboard()).toBe(question);

  // Keyboard: the buttons are reachable and show their focus.
  await copyOf(reply).focus();
  await expect(copyOf(reply)).toBeFocused();
});

test("Regenerate replaces the last reply, which stays replaced after a reload", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  const old = "An old answer, to be replaced.";
  const created = await openChat(chat, [
    { message_type: "user", content: "How do I learn to knit?" },
    { message_type: "assistant", content: "Cast on twenty stitches." },
    { message_type: "user", content: "And then?" },
    { message_type: "assistant", content: old },
  ]);
  const before = await chat.stored(created.id);

  // Only under the last reply.
  await expect(regenerateButton(page)).toHaveCount(1);
  await expect(chat.replies().first().getByRole("button", { name: "Regenerate" })).toHaveCount(0);
  await chat.replies().last().getByRole("button", { name: "Regenerate" }).click();

  // The old reply gives way to the new one, streaming in its place; no Regenerate meanwhile.
  await expect(page.getByText(old)).toHaveCount(0);
  await expect(chat.replies()).toHaveCount(2);
  await expect(regenerateButton(page)).toHaveCount(0);
  await chat.waitForReply();
  const fresh = (await chat.replies().last().textContent())?.trim() ?? "";
  expect(fresh.length).toBeGreaterThan(20);
  await expect(regenerateButton(page)).toHaveCount(1);

  await expect
    .poll(async () => (await chat.stored(created.id)).messages.map((m) => m.content))
    .not.toContain(old);
  const after = await chat.stored(created.id);
  expect(after.messages).toHaveLength(before.messages.length);
  expect(after.messages.slice(0, 3)).toEqual(before.messages.slice(0, 3));
  expect(after.messages[3]).toMatchObject({ message_type: "assistant", is_error: false });
  expect(after.messages[3]?.id).not.toBe(before.messages[3]?.id);

  await page.reload();
  await expect(chat.userMessages()).toHaveCount(2);
  await expect(chat.replies()).toHaveCount(2);
  await expect(page.getByText(old)).toHaveCount(0);
  expect((await chat.replies().last().textContent())?.trim()).toBe(fresh);
});

test("Edit replaces a question and everything after it; Escape and Cancel change nothing", async ({
  page,
}, testInfo) => {
  const chat = new ChatbotPage(page);
  const created = await openChat(chat, [
    { message_type: "user", content: "How do I learn to knit?" },
    { message_type: "assistant", content: "Cast on twenty stitches." },
    { message_type: "user", content: "And then?" },
    { message_type: "assistant", content: "Knit every row." },
  ]);
  const editOf = (message: Locator) => message.getByRole("button", { name: "Edit" });
  const editor = page.getByRole("textbox", { name: "Edited message" });
  const [first, second] = [chat.userMessages().first(), chat.userMessages().last()];
  // Only under the user's messages.
  await expect(chat.replies().getByRole("button", { name: "Edit" })).toHaveCount(0);

  // Opened with the message's text; Escape closes it and does not stop anything.
  await first.hover();
  await editOf(first).click();
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue("How do I learn to knit?");
  await expect(
    first.getByText("Sending replaces this message and everything after it."),
  ).toBeVisible();
  await checkAtWidths(page, testInfo, "edit-message");
  await expect(editor).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(editor).toHaveCount(0);
  await second.hover();
  await editOf(second).click();
  await editor.fill("Something else");
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(editor).toHaveCount(0);
  await expect(second).toContainText("And then?");
  expect((await chat.stored(created.id)).messages).toHaveLength(4);

  // Edited meanwhile in another tab: refused, and the editor keeps what was typed.
  await second.hover();
  await editOf(second).click();
  await editor.fill("And after that?");
  const status = await page.evaluate(
    async ({ chatId, editOf }) => {
      const response = await fetch("/api/chatbot", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          chat_id: chatId,
          assistant_id: crypto.randomUUID(),
          message: { id: crypto.randomUUID(), content: "From another tab" },
          edit_of: editOf,
        }),
      });
      await response.text();
      return response.status;
    },
    { chatId: created.id, editOf: created.messages[2]?.id },
  );
  expect(status).toBe(200);
  await editor.press("Enter");
  await expect(chat.refusal(/can be edited/)).toBeVisible();
  await expect(editor).toHaveValue("And after that?");
  await page.getByRole("button", { name: "Cancel" }).click();

  // Sent: the question and everything after it give way to the new turn.
  await first.hover();
  await editOf(first).click();
  await editor.fill("How do I learn to crochet?");
  await page.keyboard.press("Enter");
  await expect(chat.userMessages()).toHaveCount(1);
  await expect(chat.userMessages().first()).toContainText("How do I learn to crochet?");
  await expect(page.getByText("Knit every row.")).toHaveCount(0);
  await chat.waitForReply();
  await expect(chat.replies()).toHaveCount(1);

  await expect
    .poll(async () => (await chat.stored(created.id)).messages.map((m) => m.message_type))
    .toEqual(["user", "assistant"]);
  const stored = await chat.stored(created.id);
  expect(stored.messages[0]?.content).toBe("How do I learn to crochet?");
  expect(stored.messages[1]?.is_error).toBe(false);
  // The chat keeps its name: the title is the chat's, not a copy of its first message.
  expect(stored.title).toBe(created.title);

  await page.reload();
  await expect(chat.userMessages()).toHaveCount(1);
  await expect(chat.userMessages().first()).toContainText("How do I learn to crochet?");
  await expect(chat.replies()).toHaveCount(1);
});

test("Branch in new chat opens a copy up to the reply, goes on from there, and leaves the original as it was", async ({
  page,
}, testInfo) => {
  const chat = new ChatbotPage(page);
  const question = unique("How do I learn to knit?");
  const original = await openChat(chat, [
    { message_type: "user", content: question },
    { message_type: "assistant", content: "Cast on twenty stitches." },
    { message_type: "user", content: "And then?" },
    { message_type: "assistant", content: "Knit every row." },
  ]);
  const branchOf = (message: Locator) =>
    message.getByRole("button", { name: "Branch in new chat" });
  // Only under replies.
  await expect(branchOf(chat.userMessages())).toHaveCount(0);
  await expect(branchOf(chat.replies())).toHaveCount(2);
  await checkAtWidths(page, testInfo, "branch-actions");

  // The first try finds the reply not stored yet (as one branched from just as its stream
  // ends may be): the same request goes again a moment later.
  const tries: { id: string }[] = [];
  await page.route("**/api/chats/*/branch", async (route) => {
    tries.push(route.request().postDataJSON());
    if (tries.length > 1) return route.fallback();
    await route.fulfill({
      status: 409,
      contentType: "application/json",
      body: JSON.stringify({ error: { code: "conflict", message: "Not stored yet." } }),
    });
  });
  const first = chat.replies().first();
  await first.hover();
  await branchOf(first).click();
  const branchTitle = `Branch · ${original.title}`;
  await expect(chat.title()).toHaveText(branchTitle);
  expect(chat.chatId()).not.toBe(original.id);
  await expect(chat.userMessages()).toHaveText([question]);
  await expect(chat.replies()).toHaveCount(1);
  await expect(chat.row(branchTitle)).toBeVisible();
  await expect(chat.toast("Branched into a new chat")).toBeVisible();
  expect(tries).toHaveLength(2);
  expect(tries[1]).toEqual(tries[0]);
  expect(tries[0]?.id).toBe(chat.chatId());
  // Marked where it went its own way, with the way back.
  const mark = page.getByRole("paragraph").filter({ hasText: /^Branched from/ });
  await expect(mark).toBeVisible();
  await expect(mark.getByRole("link", { name: original.title })).toHaveAttribute(
    "href",
    `/chatbot/c/${original.id}`,
  );

  // The original is a click away, as it was.
  await chat
    .toast("Branched into a new chat")
    .getByRole("button", { name: "Open original" })
    .click();
  await expect(page).toHaveURL(new RegExp(`/chatbot/c/${original.id}$`));
  await expect(chat.userMessages()).toHaveText([question, "And then?"]);

  // The branch goes on by itself.
  await chat.open(branchTitle);
  const branchId = chat.chatId();
  await chat.sendAndWait("What yarn should I buy?");
  await expect
    .poll(async () => (await chat.stored(branchId)).messages.map((m) => m.content).slice(0, 3))
    .toEqual([question, "Cast on twenty stitches.", "What yarn should I buy?"]);
  expect((await chat.stored(original.id)).messages.map((m) => m.content)).toEqual([
    question,
    "Cast on twenty stitches.",
    "And then?",
    "Knit every row.",
  ]);
  // The mark stays between the copy and what the branch added, and leads to the original.
  await page.reload();
  await expect(chat.userMessages()).toHaveText([question, "What yarn should I buy?"]);
  await checkAtWidths(page, testInfo, "branch-mark");
  await expect(chat.replies().first().locator("xpath=following-sibling::*[1]")).toHaveText(
    `Branched from ${original.title}`,
  );
  await mark.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/chatbot/c/${original.id}$`));
  await expect(chat.userMessages()).toHaveText([question, "And then?"]);

  // Once the original is deleted, the branch says so.
  await chat.delete(original.title);
  await chat.open(branchTitle);
  await expect(page.getByText("Branched from a chat that has since been deleted")).toBeVisible();
});

test("Ctrl+Shift+O opens a new chat from anywhere, with the focus in the composer", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  await openChat(chat, [
    { message_type: "user", content: "hi" },
    { message_type: "assistant", content: "Hello! What would you like to learn?" },
  ]);
  const newChat = page.getByRole("button", { name: "New chat", exact: true });
  await expect(newChat).toHaveAttribute("aria-keyshortcuts", /Control\+Shift\+O/);
  await expect(newChat).toHaveAttribute("title", /Shift/);

  // Focus away from the composer: on the reply's Copy.
  await copyOf(chat.replies().last()).focus();
  await page.keyboard.press("ControlOrMeta+Shift+O");
  await expect(page).toHaveURL(/\/chatbot$/);
  await expect(chat.title()).toHaveText("New chat");
  await expect(chat.composer()).toBeFocused();
  await page.keyboard.type("Teach me to draw");
  await expect(chat.composer()).toHaveValue("Teach me to draw");

  // Not while a dialog is open: Escape and the focus are the dialog's.
  await chat.goto();
  const title = unique("Keep me");
  const kept = await chat.createChat([{ message_type: "user", content: title }]);
  await chat.goto(`/chatbot/c/${kept.id}`);
  await chat
    .sidebar()
    .getByRole("listitem")
    .first()
    .getByRole("button", { name: "Delete chat" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Delete this chat?" });
  await expect(dialog).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Shift+O");
  await expect(page).toHaveURL(`/chatbot/c/${kept.id}`);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
});

test("Ctrl+/ lists the keyboard shortcuts, and Shift+Escape puts the focus in the message box", async ({
  page,
}, testInfo) => {
  const chat = new ChatbotPage(page);
  await openChat(chat, [
    { message_type: "user", content: "hi" },
    { message_type: "assistant", content: "Hello! What would you like to learn?" },
  ]);
  const shortcuts = page.getByRole("dialog", { name: "Keyboard shortcuts" });

  await copyOf(chat.replies().last()).focus();
  await page.keyboard.press("ControlOrMeta+/");
  await expect(shortcuts).toBeVisible();
  for (const [action, keys] of [
    ["New chat", "Ctrl+Shift+O"],
    ["Search chats", "Ctrl+K"],
    ["Show or hide the chat list", "Ctrl+Shift+S"],
    ["Copy the last reply", "Ctrl+Shift+C"],
    ["Copy the last code block", "Ctrl+Shift+;"],
    ["Delete the chat", "Ctrl+Shift+Backspace"],
    ["Focus the message box", "Shift+Esc"],
    ["Stop the reply", "Esc"],
    ["Keyboard shortcuts", "Ctrl+/"],
  ]) {
    await expect(shortcuts.getByRole("term").filter({ hasText: action })).toBeVisible();
    await expect(shortcuts.getByRole("definition").filter({ hasText: keys }).first()).toBeVisible();
  }
  await checkAtWidths(page, testInfo, "keyboard-shortcuts");
  // Escape closes it (and stops nothing); so does its button, opened from the sidebar.
  await page.keyboard.press("Escape");
  await expect(shortcuts).toBeHidden();
  await chat.sidebar().getByRole("button", { name: "Keyboard shortcuts" }).click();
  await expect(shortcuts).toBeVisible();
  await shortcuts.getByRole("button", { name: "Close" }).click();
  await expect(shortcuts).toBeHidden();

  await copyOf(chat.replies().last()).focus();
  await page.keyboard.press("Shift+Escape");
  await expect(chat.composer()).toBeFocused();
  await expect(chat.composer()).toHaveAttribute("aria-keyshortcuts", "Shift+Escape");
});

test("Ctrl+Shift+C and Ctrl+Shift+; copy the last reply and its last code block", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatbotPage(page);
  const answer =
    "Use a loop:\n\n```python\nfor i in range(3):\n    print(i)\n```\n\nOr in JavaScript:\n\n```js\nfor (const i of [0, 1, 2]) console.log(i);\n```";
  await openChat(chat, [
    { message_type: "user", content: "How do I loop?" },
    { message_type: "assistant", content: answer },
    { message_type: "user", content: "Thanks!" },
    { message_type: "assistant", content: "You're welcome." },
  ]);
  await chat.composer().focus();
  // The shortcut listens once the page has hydrated: pressed again until then.
  await expect(async () => {
    await page.keyboard.press("ControlOrMeta+Shift+C");
    await expect(chat.toast("Copied the last reply.")).toBeVisible({ timeout: 1_000 });
  }).toPass();
  expect(await chat.clipboard()).toBe("You're welcome.");
  // From the latest reply that has one.
  await page.keyboard.press("ControlOrMeta+Shift+Semicolon");
  await expect(chat.toast("Copied the last code block.")).toBeVisible();
  expect(await chat.clipboard()).toBe("for (const i of [0, 1, 2]) console.log(i);");
});

test("Ctrl+Shift+Backspace deletes the open chat once confirmed", async ({ page }) => {
  const chat = new ChatbotPage(page);
  const kept = await openChat(chat, [{ message_type: "user", content: unique("Keep me") }]);
  const doomed = await chat.createChat([{ message_type: "user", content: unique("Delete me") }]);
  await chat.goto(`/chatbot/c/${doomed.id}`);
  const dialog = page.getByRole("dialog", { name: "Delete this chat?" });
  // The shortcut listens once the page has hydrated: pressed again until then.
  await expect(async () => {
    await page.keyboard.press("ControlOrMeta+Shift+Backspace");
    await expect(dialog).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(dialog).toContainText(doomed.title);
  // Cancelled, nothing happens.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(chat.row(doomed.title)).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Shift+Backspace");
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/chatbot$/);
  await expect(chat.row(doomed.title)).toHaveCount(0);
  expect(await chat.storedChatIds()).toEqual([kept.id]);
});

test("the chat list can be put away on a wide screen (button or Ctrl+Shift+S), and stays so across a reload", async ({
  page,
}, testInfo) => {
  const chat = new ChatbotPage(page);
  const created = await openChat(chat, [
    { message_type: "user", content: "hi" },
    { message_type: "assistant", content: "Hello! What would you like to learn?" },
  ]);
  const sidebar = chat.sidebar();
  const open = page.getByRole("button", { name: "Open chats" });
  await expect(sidebar).toBeVisible();
  await expect(open).toBeHidden();

  await page.getByRole("button", { name: "Close sidebar" }).click();
  await expect(sidebar).toBeHidden();
  await expect(open).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("sidebar-put-away-1280.png") });
  // Remembered, and rendered so by the server: no flash of the list on the next page.
  const html = await (await page.request.get(`/chatbot/c/${created.id}`)).text();
  expect(html).toMatch(/<nav id="chat-sidebar"[^>]*class="[^"]*md:hidden/);
  await page.reload();
  await expect(sidebar).toBeHidden();

  // The shortcut listens once the page has hydrated: pressed again until then.
  await expect(async () => {
    await page.keyboard.press("ControlOrMeta+Shift+S");
    await expect(sidebar).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(open).toBeHidden();
  await page.keyboard.press("ControlOrMeta+Shift+S");
  await expect(sidebar).toBeHidden();
  await open.click();
  await expect(sidebar).toBeVisible();

  // On a phone the same keys open and close the drawer.
  await page.setViewportSize({ width: 390, height: 800 });
  await expect(sidebar).toBeHidden();
  await page.keyboard.press("ControlOrMeta+Shift+S");
  await expect(sidebar).toBeVisible();
  await page.keyboard.press("ControlOrMeta+Shift+S");
  await expect(sidebar).toBeHidden();
});

test("Jump to latest shows once the reader scrolls up, and brings the view back to the end", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  const paragraph = "Practise a little every day, and write down what you learned. ".repeat(8);
  const messages: Pick<StoredMessage, "message_type" | "content">[] = [];
  for (let i = 1; i <= 12; i++) {
    messages.push({ message_type: "user", content: `Question ${i}` });
    messages.push({ message_type: "assistant", content: `Answer ${i}. ${paragraph}` });
  }
  await openChat(chat, messages);
  const jump = page.getByRole("button", { name: "Jump to latest" });
  const lastReply = chat.replies().last();

  // Opened at its end.
  await expect(lastReply).toBeInViewport();
  await expect(jump).toHaveCount(0);

  await page.getByRole("region", { name: "Conversation" }).hover();
  await page.mouse.wheel(0, -2500);
  await expect(jump).toBeVisible();
  await expect(lastReply).not.toBeInViewport();

  await jump.click();
  await expect(jump).toHaveCount(0);
  await expect(lastReply.getByRole("button", { name: "Regenerate" })).toBeInViewport();

  // From the keyboard: the button goes with the focus on it, which moves to the composer.
  // Scrolled up again, once more if the smooth scroll to the end was still under way and
  // took the view back down (seen under load).
  await expect(async () => {
    await page.mouse.wheel(0, -2500);
    await expect(jump).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await jump.focus();
  await page.keyboard.press("Enter");
  await expect(jump).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeFocused();
  await expect(lastReply.getByRole("button", { name: "Regenerate" })).toBeInViewport();

  // Pinned again: a new reply is followed to its end.
  await chat.sendAndWait("And one more thing?");
  await expect(chat.replies().last().getByRole("button", { name: "Regenerate" })).toBeInViewport();
  await expect(jump).toHaveCount(0);
});
