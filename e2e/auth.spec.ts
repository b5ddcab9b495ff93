import { expect, test } from "@playwright/test";
import { AuthPages } from "./pages/auth";

const password = "a long enough password";
const newEmail = (label: string) => `${label}-${crypto.randomUUID()}@example.test`;

test("sign up, sign out, sign in again, and see your name", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = newEmail("ann");
  await auth.signUp({ name: "Ann Example", email, password });
  await expect(auth.accountName()).toHaveText("Ann Example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome back, Ann Example");

  await auth.signOut();
  await expect(auth.accountName()).toHaveCount(0);

  await auth.signIn({ email, password });
  await expect(page).toHaveURL("/");
  await expect(auth.accountName()).toHaveText("Ann Example");

  await page.reload();
  await expect(auth.accountName()).toHaveText("Ann Example");
});

test("a wrong password shows an error and does not sign in", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = newEmail("bob");
  await auth.signUp({ name: "Bob", email, password });
  await expect(auth.accountName()).toHaveText("Bob");
  await auth.signOut();

  await auth.signIn({ email, password: "not the password" });
  // Next also renders an (empty) role=alert route announcer.
  await expect(
    page.getByRole("alert").filter({ hasText: "Wrong email or password." }),
  ).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(auth.accountName()).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("sign-up shows field errors for a short password and a taken email", async ({ page }) => {
  const auth = new AuthPages(page);
  const email = newEmail("cy");
  await auth.signUp({ name: "Cy", email, password: "short" });
  await expect(page.getByText("Use at least 8 characters.")).toBeVisible();
  await expect(page).toHaveURL(/\/sign-up/);

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(auth.accountName()).toHaveText("Cy");
  await auth.signOut();

  await auth.signUp({ name: "Cy again", email, password });
  await expect(page.getByText("An account with this email already exists.")).toBeVisible();
});

test("the standard Auth.js credentials flow signs in any client", async ({
  playwright,
  baseURL,
}) => {
  const email = newEmail("api");
  const setup = await playwright.request.newContext({ baseURL });
  expect(
    (await setup.post("/api/register", { data: { email, password, name: "Api" } })).status(),
  ).toBe(201);
  await setup.dispose();

  // A client with no cookies, speaking only Auth.js's own endpoints.
  const client = await playwright.request.newContext({ baseURL });
  const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
  const wrong = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password: "wrong password" },
    maxRedirects: 0,
  });
  expect(wrong.headers().location).toContain("error=CredentialsSignin");
  expect(await (await client.get("/api/auth/session")).json()).toBeNull();

  const right = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    maxRedirects: 0,
  });
  expect(right.status()).toBe(302);
  const session = await (await client.get("/api/auth/session")).json();
  expect(session.user).toEqual({ name: "Api", email });
  await client.dispose();
});
