import { expect, test } from "@playwright/test";
import { copyBuild, createDatabase, type Server, startServer } from "./support/servers";

// Two production servers from separate build copies on one PostgreSQL database: a session
// ended through one of them (password change, sign out everywhere, deleted account) is
// refused by the other at its very next request, though it had been serving that session
// from memory.

test.describe.configure({ mode: "serial" });

let db: Awaited<ReturnType<typeof createDatabase>>;
let builds: ReturnType<typeof copyBuild>[] = [];
let a: Server;
let b: Server;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createDatabase();
  builds = [copyBuild("account-a"), copyBuild("account-b")];
  const [buildA, buildB] = builds;
  a = await startServer({ DATABASE_URL: db.url, NEXT_DIST_DIR: buildA?.distDir ?? "" });
  b = await startServer({ DATABASE_URL: db.url, NEXT_DIST_DIR: buildB?.distDir ?? "" });
});

test.afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
  for (const build of builds) build.remove();
});

const PASSWORD = "a long enough password";
const json = { "content-type": "application/json" };

/** The session cookie a response set (name=value), or "" when it cleared it. */
function sessionCookie(response: Response): string {
  const set = response.headers.getSetCookie().find((c) => c.includes("authjs.session-token="));
  const pair = set?.split(";")[0] ?? "";
  return pair.endsWith("=") ? "" : pair;
}

const call = (base: string, path: string, cookie: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { ...json, cookie, ...init.headers } });

async function register(base: string, label: string) {
  const response = await fetch(`${base}/api/register`, {
    method: "POST",
    headers: json,
    body: JSON.stringify({
      email: `${label}-${crypto.randomUUID()}@example.test`,
      password: PASSWORD,
    }),
  });
  expect(response.status).toBe(201);
  return sessionCookie(response);
}

test("a password change on A ends the older session on B at once; the fresh cookie works on both", async () => {
  const older = await register(a.url, "instances-password");
  expect((await call(b.url, "/api/chats", older)).status).toBe(200);
  expect((await call(b.url, "/api/account", older)).status).toBe(200);

  const changed = await call(a.url, "/api/account/password", older, {
    method: "POST",
    body: JSON.stringify({ current_password: PASSWORD, new_password: "another long password" }),
  });
  expect(changed.status).toBe(200);
  const fresh = sessionCookie(changed);
  expect(fresh).not.toBe("");

  const refused = await call(b.url, "/api/chats", older);
  expect(refused.status).toBe(401);
  expect((await refused.json()).error.code).toBe("unauthenticated");
  for (const server of [a, b]) {
    expect((await call(server.url, "/api/chats", fresh)).status).toBe(200);
  }
});

test("sign out everywhere on B ends the session on A at its next request", async () => {
  const session = await register(a.url, "instances-everywhere");
  expect((await call(a.url, "/api/chats", session)).status).toBe(200);
  const out = await call(b.url, "/api/account/sign-out-everywhere", session, { method: "POST" });
  expect(out.status).toBe(204);
  expect((await call(a.url, "/api/chats", session)).status).toBe(401);
});

test("an account deleted on B: its share link is 404 and its session 401 on A, never a 500", async () => {
  const session = await register(a.url, "instances-delete");
  const created = await call(a.url, "/api/chats", session, {
    method: "POST",
    body: JSON.stringify({ messages: [{ message_type: "user", content: "Hello" }] }),
  });
  const chat = (await created.json()) as { id: string; share_id: string };
  const shared = await call(a.url, `/api/chats/${chat.id}/share`, session, {
    method: "POST",
    body: JSON.stringify({ is_shared: true }),
  });
  expect(shared.status).toBe(200);
  for (const server of [a, b]) {
    expect((await fetch(`${server.url}/chatbot/share/${chat.share_id}`)).status).toBe(200);
  }

  const deleted = await call(b.url, "/api/account", session, {
    method: "DELETE",
    body: JSON.stringify({ password: PASSWORD }),
  });
  expect(deleted.status).toBe(204);
  expect((await fetch(`${a.url}/chatbot/share/${chat.share_id}`)).status).toBe(404);
  expect((await fetch(`${a.url}/api/chats/share/${chat.share_id}`)).status).toBe(404);
  for (const [path, init] of [
    ["/api/chats", {}],
    ["/api/chats", { method: "POST", body: "{}" }],
    ["/api/account", {}],
  ] as const) {
    expect((await call(a.url, path, session, init)).status).toBe(401);
  }
});
