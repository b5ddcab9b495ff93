import AxeBuilder from "@axe-core/playwright";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { ChatbotPage } from "./pages/chatbot";
import { ShareOptions } from "./pages/share-options";
import { checkAtWidths } from "./support/check-page";

// The "Share options" dialog (issue 15, item 5): what is public now, and each choice
// about it, checked against the API and the public page a stranger opens.

const unique = (words: string) => `${words} ${crypto.randomUUID().slice(0, 8)}`;
const EMAIL = "jane.doe@gmail.com";
const PHONE = "+44 20 7946 0958";
const DAY = 86_400_000;

type Created = { id: string; share_id: string; title: string };

async function createChat(request: APIRequestContext, title: string, contents: string[]) {
  const created = await request.post("/api/chats", {
    data: { title, messages: contents.map((content) => ({ message_type: "user", content })) },
  });
  expect(created.status()).toBe(201);
  return (await created.json()) as Created;
}

async function stored(request: APIRequestContext, id: string) {
  const response = await request.get(`/api/chats/${id}`);
  expect(response.status()).toBe(200);
  return response.json();
}

/** A chat of the page's own guest, open in the app. */
async function openChat(page: Page, words: string, contents = ["How do I tune a guitar?"]) {
  const chat = new ChatbotPage(page);
  const title = unique(words);
  const created = await createChat(page.request, title, contents);
  await chat.goto(`/chatbot/c/${created.id}`);
  return { chat, options: new ShareOptions(page), created, title };
}

const publicPage = (request: APIRequestContext, shareId: string) =>
  request.get(`/chatbot/share/${shareId}`);

test("opened from the top bar and from a sidebar row; sharing with an expiry, then removing it", async ({
  page,
}) => {
  const { chat, options, created, title } = await openChat(page, "Expiring");

  await options.openFromTopBar();
  await expect(options.status()).toContainText("Not shared: only you can see this chat.");
  await expect(options.status().getByRole("button", { name: "Copy link" })).toHaveCount(0);
  await options.close();
  // The focus is back where the menu was opened from; nothing was shared.
  await expect(
    page.getByRole("banner").getByRole("button", { name: "More chat actions" }),
  ).toBeFocused();
  expect((await stored(page.request, created.id)).is_shared).toBe(false);

  await options.openFromRow(chat.row(title));
  await expect(options.mode("Live")).toBeChecked();
  await options.expiry().selectOption({ label: "1 day" });
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  await expect(options.status()).toContainText("Shared: anyone with the link can read it.");
  await expect(options.status()).toContainText(/Expires \w{3} \d+, \d{4}/);
  const shared = await stored(page.request, created.id);
  expect(shared.is_shared).toBe(true);
  expect(Math.abs(Date.parse(shared.share_expires_at) - Date.now() - DAY)).toBeLessThan(60_000);
  expect(await options.link()).toBe(shared.share_url);
  expect((await publicPage(page.request, created.share_id)).status()).toBe(200);
  // The sidebar's row knows at once.
  await expect(chat.row(title).getByRole("button", { name: "Stop sharing" })).toBeVisible();

  // Kept unless changed: the select offers the expiry there is.
  await expect(options.expiry()).toHaveValue("keep");
  await options.expiry().selectOption({ label: "Never" });
  await options.button("Save changes").click();
  await expect(options.notice()).toHaveText("Changes saved.");
  await expect(options.status()).toContainText("Never expires");
  expect((await stored(page.request, created.id)).share_expires_at).toBeNull();
  expect((await publicPage(page.request, created.share_id)).status()).toBe(200);
  await options.close();
});

test("Issue a new link: confirmed, then the old link is 404 and the new one 200", async ({
  page,
}) => {
  const { options, created } = await openChat(page, "Rotating");
  await page.request.post(`/api/chats/${created.id}/share`, { data: { is_shared: true } });
  await page.reload();
  await options.openFromTopBar();
  expect(await options.link()).toContain(created.share_id);

  await options.button("Issue a new link").click();
  const confirm = page.getByRole("dialog", { name: "Issue a new link?" });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Issue new link" }).click();
  await expect(options.notice()).toHaveText(/^New link issued/);
  const fresh = await stored(page.request, created.id);
  expect(fresh.share_id).not.toBe(created.share_id);
  expect(await options.link()).toBe(fresh.share_url);
  expect((await publicPage(page.request, created.share_id)).status()).toBe(404);
  expect((await publicPage(page.request, fresh.share_id)).status()).toBe(200);
});

test("a guest's Discoverable is off, disabled and explained; Stop sharing from the dialog", async ({
  page,
}) => {
  const { chat, options, created, title } = await openChat(page, "Guest");
  await options.openFromTopBar();
  const discoverable = options.dialog().getByRole("checkbox", { name: "Discoverable" });
  await expect(discoverable).toBeDisabled();
  await expect(discoverable).not.toBeChecked();
  await expect(options.dialog()).toContainText("Only accounts can let search engines index");
  await options.button("Share chat").click();
  await expect(options.status()).toContainText("Not indexed");
  await options.button("Stop sharing").click();
  await expect(options.notice()).toHaveText("Sharing stopped: the link no longer works.");
  await expect(options.status()).toContainText("Not shared");
  expect((await publicPage(page.request, created.share_id)).status()).toBe(404);
  await expect(chat.row(title).getByRole("button", { name: "Share chat" })).toBeVisible();
});

test("an account makes its shared chat discoverable from the dialog, and takes it back", async ({
  page,
}) => {
  await new AuthPages(page).signUp({
    name: "Robin",
    email: `robin-${crypto.randomUUID()}@example.test`,
    password: "a long enough password",
  });
  await expect(page.getByTestId("account-name")).toHaveText("Robin");
  const { options, created } = await openChat(page, "Indexed");
  await options.openFromTopBar();
  const discoverable = options.dialog().getByRole("checkbox", { name: "Discoverable" });
  await expect(discoverable).toBeEnabled();
  await discoverable.check();
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  await expect(options.status()).toContainText("Indexed by search engines");
  expect(await stored(page.request, created.id)).toMatchObject({
    is_shared: true,
    is_discoverable: true,
  });
  const indexed = await publicPage(page.request, created.share_id);
  expect(indexed.headers()["x-robots-tag"]).toBeUndefined();
  expect(await indexed.text()).toContain('<meta name="robots" content="index, follow">');

  await discoverable.uncheck();
  await options.button("Save changes").click();
  await expect(options.notice()).toHaveText("Changes saved.");
  await expect(options.status()).toContainText("Not indexed");
  expect((await stored(page.request, created.id)).is_discoverable).toBe(false);
  expect((await publicPage(page.request, created.share_id)).headers()["x-robots-tag"]).toBe(
    "noindex, nofollow",
  );
});

test("a refusal stays in the dialog as an alert, and nothing changes", async ({ page }) => {
  const { chat, options, created, title } = await openChat(page, "Refused");
  await options.openFromTopBar();
  await chat.failPosts(`/api/chats/${created.id}/share`, 1, "503");
  await options.button("Share chat").click();
  await expect(options.alert()).toHaveText("The service is briefly unavailable.");
  await expect(options.dialog()).toBeVisible();
  await expect(options.status()).toContainText("Not shared");
  await expect(chat.row(title).getByRole("button", { name: "Share chat" })).toBeVisible();
  // Tried again, it goes through and the alert leaves.
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  await expect(options.alert()).toHaveCount(0);
});

test("unshared, then shared again from the dialog with a new link (or the old one revived)", async ({
  page,
}, testInfo) => {
  const { options, created } = await openChat(page, "Re-share");
  await page.request.post(`/api/chats/${created.id}/share`, { data: { is_shared: true } });
  await page.request.post(`/api/chats/${created.id}/share`, { data: { is_shared: false } });
  await page.reload();

  await options.openFromTopBar();
  const link = options.dialog().getByRole("group", { name: "Link" });
  await expect(link.getByRole("radio", { name: "Issue a new link" })).toBeChecked();
  await expect(link.getByRole("radio", { name: "Revive the old link" })).not.toBeChecked();
  await page.screenshot({ path: testInfo.outputPath("share-options-reshare-1280.png") });
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  const renewed = await stored(page.request, created.id);
  expect(renewed.share_id).not.toBe(created.share_id);
  expect((await publicPage(page.request, created.share_id)).status()).toBe(404);
  expect((await publicPage(page.request, renewed.share_id)).status()).toBe(200);

  // Once more, reviving: the link just made comes back.
  await options.button("Stop sharing").click();
  await expect(options.status()).toContainText("Not shared");
  await link.getByRole("radio", { name: "Revive the old link" }).check();
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  expect((await stored(page.request, renewed.id)).share_id).toBe(renewed.share_id);
  expect((await publicPage(page.request, renewed.share_id)).status()).toBe(200);
});

test("the sidebar's one-click Share of a chat shared before revives its link; the toast offers a new one", async ({
  page,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const { chat, created, title } = await openChat(page, "One click");
  await chat.share(title);
  await expect(chat.toast("Link copied to the clipboard.")).toBeVisible();
  await chat.stopSharing(title);
  await chat.share(title);
  const toast = chat.toast("the old link works again");
  await expect(toast).toBeVisible();
  expect((await publicPage(page.request, created.share_id)).status()).toBe(200);

  await toast.getByRole("button", { name: "New link instead" }).click();
  await expect(chat.toast("New link copied to the clipboard")).toBeVisible();
  const renewed = await stored(page.request, created.id);
  expect(renewed.share_id).not.toBe(created.share_id);
  expect(await chat.clipboard()).toBe(renewed.share_url);
  expect((await publicPage(page.request, created.share_id)).status()).toBe(404);
  expect((await publicPage(page.request, renewed.share_id)).status()).toBe(200);
});

test("snapshot: a message sent after it stays private until Update snapshot", async ({ page }) => {
  const { options, created } = await openChat(page, "Snapshot", ["First question"]);
  await options.openFromTopBar();
  await options.mode("Snapshot").check();
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  await expect(options.status()).toContainText(/Snapshot taken \w{3} \d+, \d{4}/);

  const later = "A later message, after the snapshot";
  const appended = await page.request.post(`/api/chats/${created.id}/messages`, {
    data: { messages: [{ message_type: "user", content: later }] },
  });
  expect(appended.status()).toBe(201);
  const before = await publicPage(page.request, created.share_id);
  expect(before.status()).toBe(200);
  const html = await before.text();
  expect(html).toContain("First question");
  expect(html).not.toContain(later);

  await options.button("Update snapshot").click();
  await expect(options.notice()).toHaveText(/^Snapshot updated/);
  await expect
    .poll(async () => (await publicPage(page.request, created.share_id)).text())
    .toContain(later);
});

test("redaction: an email hidden in the shared copy reads [redacted]; the owner still sees it", async ({
  page,
}) => {
  const { chat, options, created } = await openChat(page, "Contact", [
    `Write to me at ${EMAIL} about the lessons.`,
  ]);
  await options.openFromTopBar();
  await expect(options.findings()).toHaveCount(1);
  await expect(options.findings().first()).toContainText("Email address");
  const hide = options.hideBox(options.findings().first());
  // Live shows the chat itself: nothing to hide until it is a snapshot.
  await expect(hide).toBeDisabled();
  await options.mode("Snapshot").check();
  await hide.check();
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  // Asked again, the check says the snapshot hides it: the box stays ticked.
  await expect(hide).toBeChecked();

  const shared = await (await publicPage(page.request, created.share_id)).text();
  expect(shared).toContain("[redacted]");
  expect(shared).not.toContain(EMAIL);
  const api = await (await page.request.get(`/api/chats/share/${created.share_id}`)).json();
  expect(JSON.stringify(api)).not.toContain(EMAIL);
  await options.close();
  await expect(chat.userMessages().first()).toContainText(EMAIL);
  expect(JSON.stringify(await stored(page.request, created.id))).toContain(EMAIL);
});

test("a finding gone since the check: the snapshot is refused, nothing is shared, and the check runs again", async ({
  page,
}) => {
  const { options, created } = await openChat(page, `Lessons for ${EMAIL}`, [
    `Or call me at ${PHONE}.`,
  ]);
  await options.openFromTopBar();
  await expect(options.findings()).toHaveCount(2);
  await options.mode("Snapshot").check();
  // The title's finding only (both ticked would send "all", which no rename can outdate).
  await options.hideBox(options.findings().first()).check();

  // Renamed meanwhile (another tab, another device): the ticked finding is gone.
  const renamed = await page.request.patch(`/api/chats/${created.id}`, {
    data: { title: unique("Guitar lessons") },
  });
  expect(renamed.status()).toBe(200);
  await options.button("Share chat").click();
  await expect(options.alert()).toHaveText(
    "Some of the chosen findings are no longer in the chat. The check has run again: choose what to hide once more.",
  );
  await expect(options.dialog()).toBeVisible();
  await expect(options.status()).toContainText("Not shared");
  expect((await stored(page.request, created.id)).share_url).toBeNull();
  // Checked again: the phone number is all that is left, and sharing goes through.
  await expect(options.findings()).toHaveCount(1);
  await options.button("Share chat").click();
  await expect(options.notice()).toHaveText(/^Shared\./);
  expect((await stored(page.request, created.id)).share_url).not.toBeNull();
});

test("accessible with the dialog open (axe), at 1280 and 390 wide; screenshots", async ({
  page,
}, testInfo) => {
  test.setTimeout(90_000);
  const { options, created } = await openChat(page, "Screenshots", [
    `My email is ${EMAIL}, and my key is sk_live_CsMehGAkWvj7FAc9QeWJKY40.`,
  ]);
  await page.request.post(`/api/chats/${created.id}/share`, {
    data: { is_shared: true, expires_in: 7 * 86_400 },
  });
  await page.reload();
  await options.openFromTopBar();
  await expect(options.findings()).toHaveCount(2);
  await checkAtWidths(page, testInfo, "share-options", { include: "dialog[open]" });
  // What the check found, scrolled into view on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await options.findings().first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath("share-options-findings-390.png") });
  // A snapshot hiding the email: the boxes come alive.
  await page.setViewportSize({ width: 1280, height: 800 });
  await options.mode("Snapshot").check();
  await options.hideBox(options.findings().first()).check();
  await options.findings().last().scrollIntoViewIfNeeded();
  const snapshotScan = await new AxeBuilder({ page }).include("dialog[open]").analyze();
  expect(snapshotScan.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("share-options-snapshot-1280.png") });
  await page.setViewportSize({ width: 390, height: 844 });
  // The confirmation over it, too.
  await options.button("Issue a new link").click();
  const confirm = page.getByRole("dialog", { name: "Issue a new link?" });
  await expect(confirm).toBeVisible();
  const axe = await new AxeBuilder({ page }).include("dialog[open]").analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath("share-options-rotate-390.png") });
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(options.dialog()).toBeVisible();
});
