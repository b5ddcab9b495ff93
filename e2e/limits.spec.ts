import { expect, type Page, test } from "@playwright/test";
import postgres from "postgres";
import { ChatbotPage } from "./pages/chatbot";
import { createDatabase, type Server, startServer } from "./support/servers";

// Limits as an attacker meets them: two production servers on one PostgreSQL, small
// limits, every request from 127.0.0.1 with whatever X-Forwarded-For it likes.

test.describe.configure({ mode: "serial" });

const LIMITS = {
  RATE_LIMIT_GUESTS_PER_HOUR: "3",
  RATE_LIMIT_SIGN_UPS_PER_HOUR: "3",
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "3",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "50",
  AI_REPLIES_PER_DAY_ACCOUNT: "1",
  AI_OFFLINE_CHUNK_DELAY_MS: "0",
};

let db: Awaited<ReturnType<typeof createDatabase>>;
let sql: ReturnType<typeof postgres>;
let a: Server;
let b: Server;
let signUps = 0;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createDatabase();
  sql = postgres(db.url, { max: 1, onnotice: () => {} });
  [a, b] = await Promise.all([
    startServer({ DATABASE_URL: db.url, ...LIMITS }),
    startServer({ DATABASE_URL: db.url, ...LIMITS }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await sql?.end();
  await db?.drop();
});

const password = "correct horse battery";

async function register(base: string) {
  signUps += 1;
  const email = `limits-${crypto.randomUUID()}@example.test`;
  const response = await fetch(`${base}/api/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(201);
  return { email, cookie: response.headers.getSetCookie()[0]?.split(";")[0] ?? "" };
}

async function signedInPage(page: Page, base: string, cookie: string) {
  const [name, value] = cookie.split("=");
  await page.context().addCookies([{ name: name ?? "", value: value ?? "", url: base }]);
}

test("the assistant's daily quota: a clear sentence at the composer, and the text is kept", async ({
  page,
}, testInfo) => {
  const { cookie } = await register(a.url);
  await signedInPage(page, a.url, cookie);
  const chat = new ChatbotPage(page);
  await chat.goto(`${a.url}/chatbot`);
  await chat.sendAndWait("I want to learn to whistle");
  await expect(chat.replies()).toHaveCount(1);
  await chat.send("What should I practise first?");
  await expect(chat.refusal(/You have used today's 1 reply\. Try again in \d+ h/)).toBeVisible();
  await expect(chat.composer()).toHaveValue("What should I practise first?");
  await expect(chat.userMessages()).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath("daily-quota.png") });
  // Nothing of the refused turn was stored.
  const [row] = await sql`select count(*)::int as count from chats_chatmessage`;
  expect(row?.count).toBe(2);
});

test("sign-in: a few failures per account, then 429 with Retry-After on the callback and a sentence in the form", async ({
  page,
  playwright,
}) => {
  const { email } = await register(a.url);
  const client = await playwright.request.newContext({ baseURL: a.url });
  const { csrfToken } = await (await client.get("/api/auth/csrf")).json();
  for (let i = 0; i < 3; i++) {
    const wrong = await client.post("/api/auth/callback/credentials", {
      form: { csrfToken, email, password: `guess ${i}` },
      headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
      maxRedirects: 0,
    });
    expect(wrong.headers().location).toContain("error=CredentialsSignin");
  }
  // The right password now waits too, on either instance.
  const limited = await client.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password },
    headers: { "x-forwarded-for": "198.51.100.99" },
    maxRedirects: 0,
  });
  expect(limited.status()).toBe(429);
  expect(Number(limited.headers()["retry-after"])).toBeGreaterThan(60);
  expect((await limited.json()).error.code).toBe("rate_limited");
  expect(await (await client.get("/api/auth/session")).json()).toBeNull();
  await client.dispose();

  await page.goto(`${b.url}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
    /^Too many sign-in attempts\. Try again in \d+ min\.$/,
  );
  await expect(page.getByLabel("Email")).toHaveValue(email);
  await expect(page).toHaveURL(/\/sign-in/);
});

test("sign-up: limited per address across instances; the form says so and keeps what was typed", async ({
  page,
}) => {
  while (signUps < 3) await register(signUps % 2 ? b.url : a.url);
  const refused = await fetch(`${b.url}/api/register`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.5" },
    body: JSON.stringify({ email: `late-${crypto.randomUUID()}@example.test`, password }),
  });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

  const email = `typed-${crypto.randomUUID()}@example.test`;
  await page.goto(`${a.url}/sign-up`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
    /^Too many new accounts from your network\. Try again in \d+ (min|h)\.$/,
  );
  await expect(page.getByLabel("Email")).toHaveValue(email);
  const [row] = await sql`select count(*)::int as count from users where email = ${email}`;
  expect(row?.count).toBe(0);
});

test("a spoofed X-Forwarded-For never opens a new bucket: guests per address, shared by both instances", async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const base = i % 2 ? b.url : a.url;
    const response = await fetch(`${base}/api/chats`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": `10.${i}.${i}.${i}, 203.0.113.${i + 1}`,
        "x-skillmate-peer": `192.0.2.${i + 1}`,
      },
      body: "{}",
      redirect: "manual",
    });
    statuses.push(response.status);
    if (response.status === 429) {
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await response.json()).error.code).toBe("rate_limited");
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  }
  expect(statuses.filter((s) => s === 201)).toHaveLength(3);
  expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  const [row] =
    await sql`select count(distinct guest_id)::int as guests from chats_chat where guest_id is not null`;
  expect(row?.guests).toBe(3);
});
