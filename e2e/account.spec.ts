import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";
import { checkAtWidths } from "./support/check-page";

// The account settings page: profile, password (other browsers signed out, this one not),
// sign out everywhere, delete (the shared links dead at once); guests are sent to sign up;
// anyone archives, unarchives or deletes all their chats.

const password = "a long enough password";
const newPassword = "another long password";
const newEmail = (label: string) => `${label}-${crypto.randomUUID()}@example.test`;

test("a guest is told to sign up or sign in", async ({ page }, testInfo) => {
  await page.goto("/chatbot/settings");
  await expect(page.getByRole("heading", { name: "Account settings", level: 1 })).toBeVisible();
  await expect(page.getByText(/for signed-in accounts/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign up" })).toHaveAttribute(
    "href",
    "/sign-up?next=/chatbot/settings",
  );
  await checkAtWidths(page, testInfo, "account-guest", { fullPage: true });
});

test("profile, password, sign out everywhere, delete", async ({ page, browser }, testInfo) => {
  const auth = new AuthPages(page);
  const email = newEmail("settings");
  await auth.signUp({ name: "Sam", email, password });
  await expect(auth.accountName()).toHaveText("Sam");
  const created = await page.request.post("/api/chats", {
    data: { title: "Shared", messages: [{ message_type: "user", content: "hello" }] },
  });
  const chat = await created.json();
  await page.request.post(`/api/chats/${chat.id}/share`, { data: { is_shared: true } });
  const reader = await browser.newContext();
  const shareStatus = async () =>
    (await reader.request.get(`/api/chats/share/${chat.share_id}/`)).status();
  expect(await shareStatus()).toBe(200);

  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Account settings", level: 1 })).toBeVisible();
  await checkAtWidths(page, testInfo, "account-settings", { fullPage: true });

  // Profile: the new name shows in the account menu. (Forms are looked up by name: Next
  // keeps the pages visited before hidden in the document, the sign-up form among them.)
  const profile = page.getByRole("form", { name: "Profile" });
  await profile.getByLabel("Name").fill("Samantha");
  await profile.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.goto("/");
  await expect(auth.accountName()).toHaveText("Samantha");
  // The account menu, with its Settings link, on a phone.
  await page.goto("/chatbot");
  await expect(page.getByRole("link", { name: "Settings" })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("account-menu-390.png") });
  await page.setViewportSize({ width: 1280, height: 800 });

  // Another browser, signed in too, is signed out by the password change; this one is not.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const otherAuth = new AuthPages(otherPage);
  await otherAuth.signIn({ email, password });
  await expect(otherAuth.accountName()).toHaveText("Samantha");

  await page.goto("/chatbot/settings");
  const passwordForm = page.getByRole("form", { name: "Change password" });
  await passwordForm.getByLabel("Current password").fill("not my password");
  await passwordForm.getByLabel(/^New password/).fill(newPassword);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByText("That is not your current password.")).toBeVisible();
  await passwordForm.getByLabel("Current password").fill(password);
  await passwordForm.getByRole("button", { name: "Change password" }).click();
  await expect(passwordForm.getByText(/Password changed/)).toBeVisible();
  await page.goto("/");
  await expect(auth.accountName()).toHaveText("Samantha");
  await otherPage.goto("/");
  await expect(otherAuth.accountName()).toHaveCount(0);
  expect((await otherPage.request.get("/api/chats")).status()).toBe(401);

  // Sign out everywhere: Cancel keeps the session, confirming ends it here too.
  await page.goto("/chatbot/settings");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  const signOutDialog = page.getByRole("dialog", { name: "Sign out everywhere?" });
  await signOutDialog.getByRole("button", { name: "Cancel" }).click();
  await expect(signOutDialog).toBeHidden();
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await signOutDialog.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();

  // Delete, confirmed by the password in the dialog.
  await auth.signIn({ email, password: newPassword });
  await expect(auth.accountName()).toHaveText("Samantha");
  await page.goto("/chatbot/settings");
  await page.getByRole("button", { name: "Delete account" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete your account?" });
  await deleteDialog.getByLabel("Your password").fill("wrong password");
  await deleteDialog.getByRole("button", { name: "Delete account" }).click();
  await expect(deleteDialog.getByText("That is not your password.")).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath("account-delete-dialog.png") });
  await deleteDialog.getByLabel("Your password").fill(newPassword);
  await deleteDialog.getByRole("button", { name: "Delete account" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await shareStatus()).toBe(404);

  await auth.signIn({ email, password: newPassword });
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();
  await reader.close();
  await other.close();
});

test("a guest archives all chats, unarchives them all, then deletes them all", async ({
  page,
  browser,
}, testInfo) => {
  const make = async (title: string) =>
    (
      await page.request.post("/api/chats", {
        data: { title, messages: [{ message_type: "user", content: `About ${title}` }] },
      })
    ).json();
  const shared = await make("Knitting plan");
  const archived = await make("Old juggling notes");
  const kept = await make("Chess openings");
  await page.request.post(`/api/chats/${shared.id}/share`, { data: { is_shared: true } });
  await page.request.patch(`/api/chats/${archived.id}`, { data: { is_archived: true } });
  const reader = await browser.newContext();
  const shareStatus = async () =>
    (await reader.request.get(`/api/chats/share/${shared.share_id}/`)).status();
  const listed = async (archivedParam: string) =>
    (await (await page.request.get(`/api/chats?archived=${archivedParam}`)).json()).results;
  expect(await shareStatus()).toBe(200);

  await page.goto("/chatbot");
  await expect(page.getByRole("link", { name: kept.title })).toBeVisible();
  await page.goto("/chatbot/settings");
  const section = page.getByRole("region", { name: "Chats", exact: true });
  await checkAtWidths(page, testInfo, "settings-chats", { fullPage: true });

  // Archive all: the list empties, Archived chats holds all three, the link still works.
  await section.getByRole("button", { name: "Archive all chats" }).click();
  const archiveDialog = page.getByRole("dialog", { name: "Archive all chats?" });
  await archiveDialog.getByRole("button", { name: "Archive all chats" }).click();
  await expect(page).toHaveURL(/\/chatbot$/);
  await expect(page.getByRole("link", { name: kept.title })).toHaveCount(0);
  expect(await listed("false")).toEqual([]);
  expect(await listed("true")).toHaveLength(3);
  expect(await shareStatus()).toBe(200);

  // Unarchive all, from the Archived chats page: all three are back in the list.
  await page.goto("/chatbot/archived");
  await expect(
    page.getByRole("list", { name: "Archived chats" }).getByRole("listitem"),
  ).toHaveCount(3);
  await page.getByRole("button", { name: "Unarchive all" }).click();
  const unarchiveDialog = page.getByRole("dialog", { name: "Unarchive all chats?" });
  await unarchiveDialog.getByRole("button", { name: "Unarchive all" }).click();
  await expect(page.getByText("Every archived chat is back in your chat list.")).toBeVisible();
  await expect(page.getByText("You have no archived chats.")).toBeVisible();
  expect(await listed("true")).toEqual([]);
  expect(await listed("false")).toHaveLength(3);

  await page.goto("/chatbot/settings");
  await section.getByRole("button", { name: "Delete all chats" }).click();
  const deleteDialog = page.getByRole("dialog", { name: "Delete all chats?" });
  await expect(deleteDialog).toBeVisible();
  await deleteDialog.screenshot({ path: testInfo.outputPath("delete-all-dialog.png") });
  // Cancel first: nothing is deleted.
  await deleteDialog.getByRole("button", { name: "Cancel" }).click();
  expect(await listed("all")).toHaveLength(3);

  await section.getByRole("button", { name: "Delete all chats" }).click();
  await deleteDialog.getByRole("button", { name: "Delete all chats" }).click();
  await expect(page).toHaveURL(/\/chatbot$/);
  expect(await listed("all")).toEqual([]);
  expect(await shareStatus()).toBe(404);
  await reader.close();
});
