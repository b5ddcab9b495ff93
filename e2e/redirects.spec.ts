import { expect, type Page, test } from "@playwright/test";

// After signing up or in, `next` may only lead to a path of this site, however an
// attacker writes it: the decision is made after URL parsing (lib/identity/safe-redirect.ts).

const password = "a long enough password";
const newEmail = () => `redirect-${crypto.randomUUID()}@example.test`;

const ATTACKS = [
  "/%09/evil.example",
  "/%0A/evil.example",
  "/%0D%0A/evil.example",
  "//evil.example",
  "/%5Cevil.example",
  "/%5C/evil.example",
  "%2F%2Fevil.example",
  "https://evil.example/",
  "http:evil.example",
  "javascript:alert(document.domain)",
];

async function expectOwnOrigin(page: Page, baseURL: string | undefined) {
  await page.waitForLoadState("load");
  expect(new URL(page.url()).origin).toBe(new URL(baseURL ?? "").origin);
}

test("sign-up never lands on another site", async ({ page, baseURL }) => {
  // Ten sign-ups in a row: generous on a busy machine.
  test.setTimeout(180_000);
  // Nothing may leave for another host, not even a request.
  const foreign: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).hostname !== new URL(baseURL ?? "").hostname) foreign.push(r.url());
  });
  for (const next of ATTACKS) {
    await page.context().clearCookies();
    await page.goto(`/sign-up?next=${next}`);
    await page.getByLabel("Email").fill(newEmail());
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByTestId("account-name")).toBeVisible();
    await expectOwnOrigin(page, baseURL);
    expect(new URL(page.url()).pathname).toBe("/");
  }
  expect(foreign).toEqual([]);
});

test("sign-in never lands on another site, and a path of ours is kept", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const email = newEmail();
  const registered = await page.request.post("/api/register", { data: { email, password } });
  expect(registered.status()).toBe(201);
  for (const next of [...ATTACKS, "/chatbot"]) {
    await page.context().clearCookies();
    await page.goto(`/sign-in?next=${next}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
    await expectOwnOrigin(page, baseURL);
    expect(new URL(page.url()).pathname).toBe(next === "/chatbot" ? "/chatbot" : "/");
  }
});
