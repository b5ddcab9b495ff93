import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { ChatbotPage } from "./pages/chatbot";

// The chatbot against the production build and the offline responder (which streams its
// replies in chunks). Each test is a fresh browser context, so a fresh guest.

const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;

type ChatDetail = { id: string; title: string; share_id: string; share_url: string | null };

/** A chat made through the API with the page's own cookies (so the page's guest owns it). */
async function createChat(
  request: APIRequestContext,
  body: { title?: string; messages?: { message_type: "user" | "assistant"; content: string }[] },
): Promise<ChatDetail> {
  const response = await request.post("/api/chats", { data: body });
  expect(response.status()).toBe(201);
  return response.json();
}

/** Records each length the last reply's text passes through, to see it stream. */
async function recordReplyGrowth(page: Page) {
  await page.evaluate(() => {
    const lengths: number[] = [];
    (window as unknown as { replyLengths: number[] }).replyLengths = lengths;
    new MutationObserver(() => {
      const replies = document.querySelectorAll('article[aria-label="SkillMate"]');
      const length = replies[replies.length - 1]?.textContent?.length ?? 0;
      if (length !== lengths.at(-1)) lengths.push(length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

test("a guest chats, the reply streams in, and the chat survives a reload", async ({ page }) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  await expect(chat.title()).toHaveText("New chat");
  await expect(page.getByText("Offline mode")).toBeVisible();
  await expect(page.getByText("You are chatting as a guest.")).toBeVisible();

  const first = unique("I want to learn the guitar");
  await recordReplyGrowth(page);
  await chat.send(first);
  await expect(page.getByRole("button", { name: "Stop" })).toBeVisible();
  await expect(page).toHaveURL(/\/chatbot\/c\/[0-9a-f-]{36}$/);
  await chat.waitForReply();
  const lengths = await page.evaluate(
    () => (window as unknown as { replyLengths: number[] }).replyLengths,
  );
  // Several growing partial texts before the final one: it streamed, not arrived whole.
  expect(lengths.filter((n) => n > 0).length).toBeGreaterThan(3);

  const firstId = chat.chatId();
  const reply = (await chat.replies().last().innerText()).trim();
  expect(reply.length).toBeGreaterThan(20);
  await expect(chat.title()).toHaveText(first);
  await expect(chat.row(first)).toBeVisible();
  await expect(chat.row(first).getByRole("link")).toHaveAttribute("aria-current", "page");

  await page.reload();
  await expect(chat.title()).toHaveText(first);
  await expect(chat.userMessages()).toHaveText([first]);
  await expect(chat.replies()).toHaveCount(1);
  expect((await chat.replies().first().innerText()).trim()).toBe(reply);
  await expect(page).toHaveTitle(new RegExp(first));

  // A second chat, then back and forth between the two.
  await chat.newChat();
  await expect(chat.userMessages()).toHaveCount(0);
  const second = unique("How do I get better at chess");
  await chat.sendAndWait(second);
  const secondId = chat.chatId();
  expect(secondId).not.toBe(firstId);
  await expect(chat.title()).toHaveText(second);
  await expect(chat.sidebar().getByRole("listitem")).toHaveCount(2);
  // Newest first.
  await expect(chat.sidebar().getByRole("link", { name: /guitar|chess/ })).toHaveText([
    second,
    first,
  ]);

  await chat.open(first);
  await expect(page).toHaveURL(`/chatbot/c/${firstId}`);
  await expect(chat.userMessages()).toHaveText([first]);
  await chat.open(second);
  await expect(chat.userMessages()).toHaveText([second]);

  await page.goBack();
  await expect(page).toHaveURL(`/chatbot/c/${firstId}`);
  await expect(chat.title()).toHaveText(first);
  await expect(chat.userMessages()).toHaveText([first]);
  await page.goForward();
  await expect(chat.userMessages()).toHaveText([second]);

  // A follow-up in an existing chat keeps the conversation in order.
  await chat.sendAndWait("And how often should I practise?");
  await expect(chat.userMessages()).toHaveText([second, "And how often should I practise?"]);
  await expect(chat.replies()).toHaveCount(2);
});

test("Enter sends, and Shift+Enter breaks the line", async ({ page }) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  const box = chat.composer();
  await box.fill("I want to learn the guitar");
  const before = (await box.boundingBox())?.height ?? 0;
  await box.press("Shift+Enter");
  await box.pressSequentially("I am a complete beginner");
  await box.press("Shift+Enter");
  await box.pressSequentially("I have 30 minutes a day");
  await expect(box).toHaveValue(
    "I want to learn the guitar\nI am a complete beginner\nI have 30 minutes a day",
  );
  // The box grows with its text.
  expect((await box.boundingBox())?.height ?? 0).toBeGreaterThan(before);

  await box.press("Enter");
  await expect(box).toHaveValue("");
  await expect(chat.userMessages()).toHaveText([
    "I want to learn the guitar\nI am a complete beginner\nI have 30 minutes a day",
  ]);
  await chat.waitForReply();
  await expect(chat.replies()).toHaveCount(1);
  // Stop, which needs a reply still streaming, is e2e/stop.spec.ts's.
});

test("share from the sidebar copies the link; stopping sharing takes the chat down", async ({
  page,
  context,
  playwright,
  baseURL,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const chat = new ChatbotPage(page);
  const title = unique("Share me");
  const created = await createChat(page.request, {
    title,
    messages: [
      { message_type: "user", content: "How do I start running?" },
      { message_type: "assistant", content: "Start with **three short runs** a week." },
    ],
  });
  await chat.goto(`/chatbot/c/${created.id}`);
  await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(0);

  await chat.share(title);
  await expect(chat.toast("Link copied")).toBeVisible();
  const link = await chat.clipboard();
  expect(link).toBe(`${baseURL}/chatbot/share/${created.share_id}`);
  // The top bar shows it is shared, and its own copy button.
  await expect(page.getByText("Shared", { exact: true })).toBeVisible();
  await page.evaluate(() => navigator.clipboard.writeText("something else"));
  await page.getByRole("button", { name: "Copy link" }).click();
  expect(await chat.clipboard()).toBe(link);

  // Anyone, with no cookies, can read it.
  const anonymous = await playwright.request.newContext({ baseURL });
  const shared = await anonymous.get(`/api/chats/share/${created.share_id}`);
  expect(shared.status()).toBe(200);
  const body = await shared.json();
  expect(body.title).toBe(title);
  expect(body.messages.map((m: { content: string }) => m.content)).toEqual([
    "How do I start running?",
    "Start with **three short runs** a week.",
  ]);
  const sharePage = await anonymous.get(`/chatbot/share/${created.share_id}`);
  const hasSharePage = sharePage.status() === 200;
  if (hasSharePage) expect(await sharePage.text()).toContain("three short runs");

  await chat.stopSharing(title);
  await expect(chat.toast("Sharing stopped")).toBeVisible();
  await expect(page.getByRole("button", { name: "Copy link" })).toHaveCount(0);
  expect((await anonymous.get(`/api/chats/share/${created.share_id}`)).status()).toBe(404);
  if (hasSharePage) {
    expect((await anonymous.get(`/chatbot/share/${created.share_id}`)).status()).toBe(404);
  }
  await anonymous.dispose();
});

test("rename and delete from the sidebar", async ({ page }) => {
  const chat = new ChatbotPage(page);
  const keep = await createChat(page.request, {
    title: unique("Keep me"),
    messages: [{ message_type: "user", content: "hello" }],
  });
  const drop = await createChat(page.request, {
    title: unique("Delete me"),
    messages: [{ message_type: "user", content: "bye" }],
  });
  await chat.goto(`/chatbot/c/${keep.id}`);

  const renamed = unique("Renamed chat");
  await chat.rename(keep.title, renamed);
  await expect(chat.title()).toHaveText(renamed);
  await page.reload();
  await expect(chat.title()).toHaveText(renamed);
  await expect(chat.row(renamed)).toBeVisible();

  // Escape leaves the title as it was.
  await chat.row(renamed).getByRole("button", { name: "Rename chat" }).click();
  await chat.sidebar().getByRole("textbox", { name: "Chat title" }).fill("Not this");
  await chat.sidebar().getByRole("textbox", { name: "Chat title" }).press("Escape");
  await expect(chat.row(renamed)).toBeVisible();

  // Cancel keeps the chat; Delete removes it for good.
  await chat.row(drop.title).getByRole("button", { name: "Delete chat" }).click();
  await page
    .getByRole("dialog", { name: "Delete this chat?" })
    .getByRole("button", { name: "Cancel" })
    .click();
  await expect(chat.row(drop.title)).toBeVisible();
  await chat.delete(drop.title);
  await expect(chat.toast("Chat deleted")).toBeVisible();
  expect((await page.request.get(`/api/chats/${drop.id}`)).status()).toBe(404);

  // Deleting the open chat goes back to a new one.
  await chat.delete(renamed);
  await expect(page).toHaveURL(/\/chatbot$/);
  await expect(chat.sidebar().getByText("No chats yet")).toBeVisible();
});

test("a change the server refuses rolls back, and a refused message says why at the composer", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  const gone = await createChat(page.request, {
    title: unique("Vanishing"),
    messages: [{ message_type: "user", content: "hi" }],
  });
  await chat.goto(`/chatbot/c/${gone.id}`);
  // Deleted elsewhere (another tab): this page does not know yet.
  expect((await page.request.delete(`/api/chats/${gone.id}`)).status()).toBe(204);

  await chat.row(gone.title).getByRole("button", { name: "Rename chat" }).click();
  await chat.sidebar().getByRole("textbox", { name: "Chat title" }).fill("New name");
  await chat.sidebar().getByRole("textbox", { name: "Chat title" }).press("Enter");
  await expect(chat.toast(/Could not rename the chat/)).toBeVisible();
  await expect(chat.row(gone.title)).toBeVisible();

  await chat.send("Are you still there?");
  await expect(chat.refusal("Your message was not sent. No such chat.")).toBeVisible();
  await expect(chat.userMessages()).toHaveCount(1); // only the stored "hi"
  await expect(chat.composer()).toHaveValue("Are you still there?");
});

test("after New chat the composer has focus, and what is typed at once is kept", async ({
  page,
}) => {
  const chat = new ChatbotPage(page);
  const old = await createChat(page.request, {
    title: unique("Being left"),
    messages: [{ message_type: "user", content: "hi" }],
  });
  await chat.goto(`/chatbot/c/${old.id}`);
  await page.getByRole("button", { name: "New chat", exact: true }).click();
  // At once, whether or not the new chat's page has arrived yet.
  await page.keyboard.type("Teach me to draw");
  await expect(page).toHaveURL(/\/chatbot$/);
  await expect(chat.composer()).toBeFocused();
  await expect(chat.composer()).toHaveValue("Teach me to draw");
  await page.keyboard.type(" and paint");
  await expect(chat.composer()).toHaveValue("Teach me to draw and paint");
  // Nothing went into the chat that was left.
  const stored = await (await page.request.get(`/api/chats/${old.id}`)).json();
  expect(stored.messages).toHaveLength(1);
});

test("unsent text stays with its chat across other chats, New chat and a reload; sending or signing out clears it", async ({
  page,
}) => {
  const auth = new AuthPages(page);
  await auth.signUp({
    name: "Drafter",
    email: `drafts-${crypto.randomUUID()}@example.test`,
    password: "long enough password",
  });
  await expect(auth.accountName()).toBeVisible();
  const chat = new ChatbotPage(page);
  const opening = [{ message_type: "user" as const, content: "hi" }];
  const knitting = await createChat(page.request, { title: unique("Knitting"), messages: opening });
  const pottery = await createChat(page.request, { title: unique("Pottery"), messages: opening });
  await chat.goto(`/chatbot/c/${knitting.id}`);
  await chat.composer().fill("Which needles for");
  await chat.open(pottery.title);
  await expect(chat.composer()).toHaveValue("");
  await chat.composer().fill("Which clay");
  await chat.open(knitting.title);
  await expect(chat.composer()).toHaveValue("Which needles for");

  // A new chat has its own, kept across a reload; the chat left keeps its own.
  await chat.newChat();
  await expect(chat.composer()).toHaveValue("");
  await chat.composer().fill("Teach me to sew");
  await page.reload();
  await expect(chat.composer()).toHaveValue("Teach me to sew");
  await chat.open(knitting.title);
  await expect(chat.composer()).toHaveValue("Which needles for");

  // Sent, it is gone for good.
  await chat.open(pottery.title);
  await expect(chat.composer()).toHaveValue("Which clay");
  await chat.sendAndWait("Which clay for a mug?");
  await page.reload();
  await expect(chat.composer()).toHaveValue("");

  // Signing out leaves no draft in the tab for whoever comes next.
  await auth.signOut();
  await chat.goto("/chatbot");
  await expect(chat.composer()).toHaveValue("");
  const drafts = () =>
    Object.keys(sessionStorage).filter((key) => key.startsWith("skillmate.draft."));
  expect(await page.evaluate(drafts)).toEqual([]);
});

test("another visitor's chat is not found", async ({ page, browser }) => {
  const chat = new ChatbotPage(page);
  const mine = await createChat(page.request, {
    messages: [{ message_type: "user", content: "private" }],
  });
  const stranger = await browser.newPage();
  await stranger.goto(`/chatbot/c/${mine.id}`);
  await expect(stranger.getByRole("heading", { name: "Chat not found" })).toBeVisible();
  await expect(stranger.getByText("private")).toHaveCount(0);
  await stranger.close();
  await chat.goto(`/chatbot/c/${mine.id}`);
  await expect(chat.userMessages()).toHaveText(["private"]);
});

test("a guest who signs up keeps their chats", async ({ page }) => {
  const chat = new ChatbotPage(page);
  await chat.goto();
  const message = unique("Teach me to juggle");
  await chat.sendAndWait(message);
  await expect(chat.row(message)).toBeVisible();

  const auth = new AuthPages(page);
  await auth.signUp({
    name: "Guest Turned User",
    email: `g-${crypto.randomUUID()}@example.test`,
    password: "a long enough password",
  });
  await expect(auth.accountName()).toHaveText("Guest Turned User");
  await chat.goto();
  await expect(chat.row(message)).toBeVisible();
  await expect(page.getByText("You are chatting as a guest.")).toHaveCount(0);
  await chat.open(message);
  await expect(chat.userMessages()).toHaveText([message]);
});

test("markdown renders safely: no script, no image, no javascript: link", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const dialogs: string[] = [];
  page.on("dialog", async (dialog) => {
    dialogs.push(dialog.message());
    await dialog.dismiss();
  });
  const chat = new ChatbotPage(page);
  const hostile = [
    "# Heading",
    "<script>window.pwned = 1; alert('script')</script>",
    "",
    '<img src="/nope.png" onerror="window.pwned = 2; alert(\'img\')">',
    "",
    "[click me](javascript:alert('link')) and [docs](https://example.com/docs)",
    "",
    "| a | b |",
    "|---|---|",
    "| 1 | 2 |",
    "",
    "```js",
    "console.log('hi');",
    "```",
  ].join("\n");
  const created = await createChat(page.request, {
    messages: [
      { message_type: "user", content: "<b>bold?</b>" },
      { message_type: "assistant", content: hostile },
    ],
  });
  await chat.goto(`/chatbot/c/${created.id}`);
  const reply = chat.replies().first();
  await expect(reply.getByRole("heading", { name: "Heading" })).toBeVisible();
  await expect(reply).toContainText("<script>window.pwned = 1;");
  await expect(reply.locator("script")).toHaveCount(0);
  await expect(reply.locator("img")).toHaveCount(0);
  await expect(reply.getByRole("table")).toBeVisible();
  const bad = reply.getByRole("link", { name: "click me" });
  expect((await bad.getAttribute("href")) ?? "").not.toMatch(/javascript:/i);
  const good = reply.getByRole("link", { name: "docs" });
  await expect(good).toHaveAttribute("href", "https://example.com/docs");
  await expect(good).toHaveAttribute("target", "_blank");
  await expect(good).toHaveAttribute("rel", "noopener noreferrer nofollow ugc");
  await bad.click();
  // The user's own HTML is text too.
  await expect(chat.userMessages().first()).toHaveText("<b>bold?</b>");

  await reply.getByRole("button", { name: "Copy code" }).click();
  expect(await chat.clipboard()).toBe("console.log('hi');");

  expect(dialogs).toEqual([]);
  expect(
    await page.evaluate(() => (window as unknown as { pwned?: number }).pwned),
  ).toBeUndefined();
});

test("the sidebar loads older chats as it scrolls", async ({ page }) => {
  const chat = new ChatbotPage(page);
  // More than the first page (30) the server renders.
  for (let i = 0; i < 34; i++) {
    await createChat(page.request, { title: `Bulk chat ${String(i).padStart(2, "0")}` });
  }
  await chat.goto();
  await expect(chat.row("Bulk chat 33")).toBeVisible();
  await expect(chat.row("Bulk chat 00")).toHaveCount(0);
  await chat.sidebar().getByRole("listitem").first().hover();
  await page.mouse.wheel(0, 10_000);
  await expect(chat.row("Bulk chat 00")).toBeVisible();
  await expect(chat.sidebar().getByRole("listitem")).toHaveCount(34);
});

test("the chat page is accessible, and looks right on a desktop and a phone", async ({
  page,
}, testInfo) => {
  // Five axe scans and seven screenshots: more than the default 30 s on a busy 2-core machine.
  test.setTimeout(120_000);
  const chat = new ChatbotPage(page);
  const created = await createChat(page.request, {
    title: "Learning to cook",
    messages: [
      { message_type: "user", content: "How do I learn to cook without wasting food?" },
      {
        message_type: "assistant",
        content:
          "Great goal! Start small:\n\n1. **Pick three recipes** you like.\n2. Cook each one twice this week.\n3. Keep notes.\n\n```text\nshopping list: onions, rice, eggs\n```\n\nWhich meal would you like to start with?",
      },
    ],
  });
  await page.request.post(`/api/chats/${created.id}/share`, { data: { is_shared: true } });

  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 800 });
    await chat.goto(`/chatbot/c/${created.id}`);
    await expect(chat.replies().first()).toContainText("Pick three recipes");
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter(
      (v) => v.impact === "serious" || v.impact === "critical",
    );
    expect(
      serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`chat-1280x800-${scheme}.png`) });

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(chat.sidebar()).toBeHidden();
    await page.screenshot({ path: testInfo.outputPath(`chat-390x844-${scheme}.png`) });
    await page.getByRole("button", { name: "Open chats" }).click();
    await expect(chat.sidebar()).toBeVisible();
    const drawerScan = await new AxeBuilder({ page }).analyze();
    expect(
      drawerScan.violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => v.id),
    ).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath(`drawer-390x844-${scheme}.png`) });
    await chat.row("Learning to cook").getByRole("link").click();
    await expect(chat.sidebar()).toBeHidden();
  }

  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await chat.goto();
  const empty = await new AxeBuilder({ page }).analyze();
  expect(
    empty.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => v.id),
  ).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("new-chat-1280x800.png") });
});
