import { describe, expect, test, vi } from "vitest";
import * as passwordRoute from "@/app/api/account/password/route";
import * as accountRoute from "@/app/api/account/route";
import * as signOutRoute from "@/app/api/account/sign-out-everywhere/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as listRoute from "@/app/api/chats/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import { getAuthAdapter } from "@/db/auth-adapter";
import { appendMessages, listMessagesByChat } from "@/db/queries/chats";
import { getAccountById } from "@/db/queries/users";
import sharedTags from "@/lib/cache/shared-tags.cjs";
import { authenticate } from "@/lib/identity/accounts";
import { resolveCaller } from "@/lib/identity/caller";
import { readSessionToken, sessionSetCookie } from "@/lib/identity/session-token";
import { checkedSessionToken, decodeLiveSession, userTag } from "@/lib/identity/session-validity";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { chatIdsOf, newChat } from "../helpers/chats";
import { type Call, callRoute, cookieHeaderFrom, uniqueEmail } from "../helpers/http";

// The caller's own account (/api/account/…): only accounts, only their own; profile,
// password, sign out everywhere, delete; and sessions that end stay ended.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

type Handler = Parameters<typeof callRoute>[0];
const PASSWORD = "long enough";
const json = { "content-type": "application/json" };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const send = async (
  handler: Handler,
  method: string,
  path: string,
  as: TestCaller,
  call: Omit<Call, "path" | "method"> = {},
) => {
  const response = await callRoute(handler, {
    ...call,
    method,
    path,
    headers: { ...as.headers, ...call.headers },
  });
  const text = await response.text();
  return {
    status: response.status,
    // biome-ignore lint/suspicious/noExplicitAny: bodies are read as the test sees fit
    body: (text ? JSON.parse(text) : undefined) as any,
    cookies: response.headers.getSetCookie(),
    cookie: cookieHeaderFrom(response),
  };
};

const getAccount = (as: TestCaller) => send(accountRoute.GET, "GET", "/api/account/", as);
const patchAccount = (as: TestCaller, call: Omit<Call, "path" | "method">) =>
  send(accountRoute.PATCH, "PATCH", "/api/account/", as, call);
const deleteAccount = (as: TestCaller, call: Omit<Call, "path" | "method">) =>
  send(accountRoute.DELETE, "DELETE", "/api/account/", as, call);
const changePassword = (as: TestCaller, call: Omit<Call, "path" | "method">) =>
  send(passwordRoute.POST, "POST", "/api/account/password/", as, call);
const signOutEverywhere = (as: TestCaller) =>
  send(signOutRoute.POST, "POST", "/api/account/sign-out-everywhere/", as);
const listChats = (as: TestCaller) => send(listRoute.GET, "GET", "/api/chats/", as);
const createChat = (as: TestCaller) =>
  send(listRoute.POST, "POST", "/api/chats/", as, { body: {} });
const publicRead = async (shareId: string) =>
  (
    await callRoute(sharedRoute.GET, {
      method: "GET",
      path: `/api/chats/share/${shareId}/`,
      params: { shareId },
    })
  ).status;

/** Another browser of the same account, signed in a moment before now. */
async function secondSession(user: { userId: string; email: string; label: string }) {
  const cookie = (
    await sessionSetCookie({ id: user.userId, name: user.label, email: user.email })
  ).split(";")[0] as string;
  return { label: `${user.label} (second)`, headers: { cookie } };
}

/** A session cookie as the browser holds it after a response that re-issued it. */
const withCookie = (label: string, cookie: string): TestCaller => ({ label, headers: { cookie } });

async function expectEnded(as: TestCaller) {
  for (const answer of [await listChats(as), await createChat(as), await getAccount(as)]) {
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("unauthenticated");
    // The ended session's cookie is removed.
    expect(answer.cookies.join()).toMatch(/authjs\.session-token=;.*Max-Age=0/);
  }
  // Pages treat it as signed out.
  expect(await resolveCaller(new Headers(as.headers))).toEqual({ kind: "anonymous" });
}

async function oauthUser(label = "oauth") {
  const adapter = await getAuthAdapter();
  const email = uniqueEmail(label);
  const made = await adapter.createUser?.({
    id: crypto.randomUUID(),
    email,
    emailVerified: null,
    name: label,
  });
  const id = made?.id as string;
  const cookie = (await sessionSetCookie({ id, name: label, email })).split(";")[0] as string;
  return { label, userId: id, email, headers: { cookie } };
}

describe("who may use /api/account/", () => {
  const routes: [string, () => Promise<{ status: number; body: { error: { code: string } } }>][] =
    [];
  for (const as of [nobody, guest("account-guest")]) {
    routes.push(
      [`GET as ${as.label}`, () => getAccount(as)],
      [`PATCH as ${as.label}`, () => patchAccount(as, { body: { name: "x" } })],
      [`DELETE as ${as.label}`, () => deleteAccount(as, { body: { password: PASSWORD } })],
      [
        `POST password/ as ${as.label}`,
        () =>
          changePassword(as, { body: { current_password: PASSWORD, new_password: "x".repeat(9) } }),
      ],
      [`POST sign-out-everywhere/ as ${as.label}`, () => signOutEverywhere(as)],
    );
  }
  test.each(routes)("%s is 401 unauthenticated", async (_, call) => {
    const answer = await call();
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe("unauthenticated");
  });

  test("each account sees and changes only itself", async () => {
    const ann = await signedInUser("ann");
    const bob = await signedInUser("bob");
    const bobsChat = await newChat({ userId: bob.userId });
    const read = await getAccount(ann);
    expect(read.status).toBe(200);
    expect(read.body).toEqual({
      id: ann.userId,
      name: "ann",
      email: ann.email,
      created_at: expect.any(String),
      has_password: true,
    });
    expect((await patchAccount(ann, { body: { name: "Ann A." } })).status).toBe(200);
    expect((await getAccount(bob)).body.name).toBe("bob");
    expect((await deleteAccount(ann, { body: { password: PASSWORD } })).status).toBe(204);
    expect(await getAccountById({ id: bob.userId })).not.toBeNull();
    expect(await chatIdsOf({ userId: bob.userId })).toEqual([bobsChat.id]);
    expect((await listChats(bob)).status).toBe(200);
  });

  test("writes from another site are 403", async () => {
    const user = await signedInUser("cross-site");
    const evil = { origin: "https://evil.example" };
    for (const answer of [
      await patchAccount(user, { body: { name: "x" }, headers: evil }),
      await deleteAccount(user, { body: { password: PASSWORD }, headers: evil }),
      await send(signOutRoute.POST, "POST", "/api/account/sign-out-everywhere/", user, {
        headers: evil,
      }),
    ]) {
      expect(answer.status).toBe(403);
    }
    expect((await getAccount(user)).status).toBe(200);
  });
});

describe("PATCH /api/account/", () => {
  test("changes the name and email (as sign-up writes it) and re-issues the session with them", async () => {
    const user = await signedInUser("profile");
    const email = uniqueEmail("Renamed").toUpperCase();
    const answer = await patchAccount(user, {
      body: { name: "  New Name ", email: `  ${email} ` },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ name: "New Name", email: email.toLowerCase() });
    const caller = await resolveCaller(new Headers({ cookie: answer.cookie }));
    expect(caller).toMatchObject({ kind: "user", name: "New Name", email: email.toLowerCase() });
    // The old cookie still works: a profile change ends no session.
    expect((await getAccount(user)).body.email).toBe(email.toLowerCase());
    // Signing in uses the new address.
    expect(await authenticate(email.toLowerCase(), PASSWORD)).not.toBeNull();
    expect(await authenticate(user.email, PASSWORD)).toBeNull();
    // An empty name clears it.
    expect((await patchAccount(user, { body: { name: "" } })).body.name).toBeNull();
  });

  test("an email another account holds is 409 conflict, in any case, and nothing changes", async () => {
    const user = await signedInUser("conflict");
    const other = await signedInUser("taken");
    const answer = await patchAccount(user, {
      body: { name: "Changed", email: other.email.toUpperCase() },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toEqual({ code: "conflict", message: expect.any(String) });
    expect(await getAccountById({ id: user.userId })).toMatchObject({
      name: "conflict",
      email: user.email,
    });
    // Its own email again is no conflict.
    expect((await patchAccount(user, { body: { email: user.email } })).status).toBe(200);
  });

  test.each([
    ["an empty object", { body: {} }, "validation_error"],
    ["an unknown field", { body: { name: "x", admin: true } }, "validation_error"],
    ["a number for the name", { body: { name: 5 } }, "validation_error"],
    ["a name over 100 characters", { body: { name: "x".repeat(101) } }, "validation_error"],
    ["a bad email", { body: { email: "not an email" } }, "validation_error"],
    [
      "an email over 254 characters",
      { body: { email: `${"x".repeat(250)}@example.test` } },
      "validation_error",
    ],
    ["a null email", { body: { email: null } }, "validation_error"],
    ["an array", { body: [] }, "invalid_json"],
    ["invalid JSON", { rawBody: "{name:", headers: json }, "invalid_json"],
    ["no body", { headers: json }, "invalid_json"],
  ] as const)("refuses %s with 400 %s", async (_, call, code) => {
    const user = await signedInUser("patch-junk");
    const answer = await patchAccount(user, call);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect(await getAccountById({ id: user.userId })).toMatchObject({
      name: "patch-junk",
      email: user.email,
    });
  });

  test("a form body is 415", async () => {
    const user = await signedInUser("patch-form");
    const answer = await patchAccount(user, {
      rawBody: "name=x",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(answer.status).toBe(415);
  });
});

describe("POST /api/account/password/", () => {
  test("sets the new password, keeps the caller signed in and ends every other session", async () => {
    const user = await signedInUser("password");
    const other = await secondSession(user);
    expect((await listChats(other)).status).toBe(200);
    const answer = await changePassword(user, {
      body: { current_password: PASSWORD, new_password: "a new long one" },
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ id: user.userId, has_password: true });
    const fresh = withCookie("fresh", answer.cookie);
    expect((await listChats(fresh)).status).toBe(200);
    expect((await createChat(fresh)).status).toBe(201);
    expect(await resolveCaller(new Headers(fresh.headers))).toMatchObject({ kind: "user" });
    // The cookie the request came with, and the other browser's, are over.
    await expectEnded(user);
    await expectEnded(other);
    expect(await authenticate(user.email, "a new long one")).not.toBeNull();
    expect(await authenticate(user.email, PASSWORD)).toBeNull();
  });

  test("a wrong current password is 400 on current_password and changes nothing", async () => {
    const user = await signedInUser("wrong-current");
    const answer = await changePassword(user, {
      body: { current_password: "not it at all", new_password: "a new long one" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe("validation_error");
    expect(answer.body.error.issues).toEqual([
      { path: "current_password", message: expect.any(String) },
    ]);
    expect((await listChats(user)).status).toBe(200);
    expect(await authenticate(user.email, PASSWORD)).not.toBeNull();
  });

  test("wrong current passwords are limited like sign-in attempts (429 with Retry-After)", async () => {
    const user = await signedInUser("guessing");
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const answer = await changePassword(user, {
        body: { current_password: `guess ${i}`, new_password: "a new long one" },
      });
      statuses.push(answer.status);
    }
    // RATE_LIMIT_SIGN_IN_PER_ACCOUNT: 5 by default.
    expect(statuses).toEqual([400, 400, 400, 400, 400, 429]);
    // The right one is refused too until the window passes: the budget is the account's.
    const right = await changePassword(user, {
      body: { current_password: PASSWORD, new_password: "a new long one" },
    });
    expect(right.status).toBe(429);
  });

  test("an account without a password (OAuth) has none to change", async () => {
    const user = await oauthUser("oauth-password");
    const answer = await changePassword(user, {
      body: { current_password: "anything", new_password: "a new long one" },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.issues[0].path).toBe("current_password");
    expect((await getAccount(user)).body.has_password).toBe(false);
  });

  test.each([
    ["an empty object", { body: {} }, "validation_error"],
    ["no current password", { body: { new_password: "a new long one" } }, "validation_error"],
    [
      "a short new password",
      { body: { current_password: PASSWORD, new_password: "short" } },
      "validation_error",
    ],
    [
      "a new password over 200",
      { body: { current_password: PASSWORD, new_password: "x".repeat(201) } },
      "validation_error",
    ],
    [
      "a number",
      { body: { current_password: PASSWORD, new_password: 123456789 } },
      "validation_error",
    ],
    [
      "an unknown field",
      { body: { current_password: PASSWORD, new_password: "a new long one", x: 1 } },
      "validation_error",
    ],
    ["invalid JSON", { rawBody: "nope", headers: json }, "invalid_json"],
  ] as const)("refuses %s with 400 %s", async (_, call, code) => {
    const user = await signedInUser("password-junk");
    const answer = await changePassword(user, call);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect((await listChats(user)).status).toBe(200);
    expect(await authenticate(user.email, PASSWORD)).not.toBeNull();
  });
});

describe("POST /api/account/sign-out-everywhere/", () => {
  test("ends every session of the account, the caller's included; a new sign-in works", async () => {
    const user = await signedInUser("everywhere");
    const other = await secondSession(user);
    const bystander = await signedInUser("bystander");
    const answer = await signOutEverywhere(user);
    expect(answer.status).toBe(204);
    expect(answer.cookies.join()).toMatch(/authjs\.session-token=;.*Max-Age=0/);
    await expectEnded(user);
    await expectEnded(other);
    expect((await listChats(bystander)).status).toBe(200);
    // Signing in again (a later moment) gives a session that counts.
    await sleep(2);
    const again = await secondSession(user);
    expect((await getAccount(again)).status).toBe(200);
  });
});

describe("DELETE /api/account/", () => {
  test("deletes the account, its chats, messages and share links; its sessions get 401, never a 500", async () => {
    const user = await signedInUser("deleted");
    const other = await secondSession(user);
    const owner = { userId: user.userId };
    const [shared, kept] = [await newChat(owner), await newChat(owner)];
    await appendMessages({
      chatId: shared.id,
      owner,
      messages: [{ messageType: "user", content: "hello" }],
    });
    const shareAnswer = await send(
      shareRoute.POST,
      "POST",
      `/api/chats/${shared.id}/share/`,
      user,
      {
        params: { id: shared.id },
        body: { is_shared: true },
      },
    );
    expect(shareAnswer.status).toBe(200);
    expect(await publicRead(shared.shareId)).toBe(200);

    const heard: string[] = [];
    const stop = sharedTags.onExpire((tag) => heard.push(tag));
    const answer = await deleteAccount(user, { body: { password: PASSWORD } });
    stop();
    expect(answer.status).toBe(204);
    expect(answer.cookies.join()).toMatch(/authjs\.session-token=;.*Max-Age=0/);
    // Every instance hears of it through the shared tag events.
    expect(heard).toEqual(
      expect.arrayContaining([userTag(user.userId), `share:${shared.shareId}`]),
    );

    expect(await publicRead(shared.shareId)).toBe(404);
    expect(await getAccountById({ id: user.userId })).toBeNull();
    expect(await chatIdsOf(owner)).toEqual([]);
    expect(await listMessagesByChat({ chatId: shared.id })).toEqual([]);
    expect(await listMessagesByChat({ chatId: kept.id })).toEqual([]);
    await expectEnded(user);
    await expectEnded(other);
    expect(await authenticate(user.email, PASSWORD)).toBeNull();
  });

  test("a wrong password, or none, is 400 and deletes nothing", async () => {
    const user = await signedInUser("not-deleted");
    const chat = await newChat({ userId: user.userId });
    for (const [body, path] of [
      [{ password: "not my password" }, "password"],
      [{ email: user.email }, "password"],
    ] as const) {
      const answer = await deleteAccount(user, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.issues[0].path).toBe(path);
    }
    expect(await chatIdsOf({ userId: user.userId })).toEqual([chat.id]);
    expect((await getAccount(user)).status).toBe(200);
  });

  test("an account without a password confirms with its email", async () => {
    const user = await oauthUser("oauth-delete");
    const chat = await newChat({ userId: user.userId });
    for (const body of [{ email: "someone-else@example.test" }, { password: "anything" }]) {
      const answer = await deleteAccount(user, { body });
      expect(answer.status).toBe(400);
      expect(answer.body.error.issues[0].path).toBe("email");
    }
    expect(await chatIdsOf({ userId: user.userId })).toEqual([chat.id]);
    const answer = await deleteAccount(user, { body: { email: ` ${user.email.toUpperCase()} ` } });
    expect(answer.status).toBe(204);
    expect(await getAccountById({ id: user.userId })).toBeNull();
    await expectEnded(user);
  });

  test.each([
    ["an empty object", { body: {} }, "validation_error"],
    ["both fields", { body: { password: PASSWORD, email: "a@example.test" } }, "validation_error"],
    ["an empty password", { body: { password: "" } }, "validation_error"],
    ["a password over 200", { body: { password: "x".repeat(201) } }, "validation_error"],
    ["a number", { body: { password: 12345678 } }, "validation_error"],
    ["an unknown field", { body: { password: PASSWORD, really: true } }, "validation_error"],
    ["invalid JSON", { rawBody: "{", headers: json }, "invalid_json"],
    ["no body", { headers: json }, "invalid_json"],
  ] as const)("refuses %s with 400 %s", async (_, call, code) => {
    const user = await signedInUser("delete-junk");
    const answer = await deleteAccount(user, call);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect((await getAccount(user)).status).toBe(200);
  });
});

describe("ended sessions", () => {
  test("a revocation reaches the other sessions through the shared tag user:<id>", async () => {
    const user = await signedInUser("tagged");
    const heard: string[] = [];
    const stop = sharedTags.onExpire((tag) => heard.push(tag));
    expect((await signOutEverywhere(user)).status).toBe(204);
    stop();
    expect(heard).toContain(userTag(user.userId));
  });

  test("a guest cookie beside an ended session: pages see the guest, the API still says 401", async () => {
    const user = await signedInUser("ended-guest");
    const visitor = guest("ended-guest");
    await signOutEverywhere(user);
    const both = withCookie("both", `${user.headers.cookie}; ${visitor.headers.cookie}`);
    expect(await resolveCaller(new Headers(both.headers))).toEqual({
      kind: "guest",
      guestId: visitor.guestId,
    });
    expect((await listChats(both)).status).toBe(401);
  });
});

describe("Auth.js's jwt callback (its session endpoint re-signs tokens)", () => {
  test("stamps a sign-in, keeps the stamp of a live session, and will not renew an ended one", async () => {
    const user = await signedInUser("authjs");
    const stamped = await checkedSessionToken({ sub: user.userId, email: user.email }, true);
    expect(stamped?.signed_in_at).toBeGreaterThan(Date.now() - 1_000);
    const claims = await readSessionToken(new Headers(user.headers));
    const token = { sub: user.userId, signed_in_at: claims?.signedInAt, iat: 1 };
    expect(await checkedSessionToken(token, false)).toEqual(token);
    // A token from before the claim keeps its iat (in ms) as its sign-in moment.
    const legacy = { sub: user.userId, iat: Math.floor(Date.now() / 1000) };
    expect((await checkedSessionToken(legacy, false))?.signed_in_at).toBe(legacy.iat * 1000);

    await sleep(2);
    await signOutEverywhere(user);
    expect(await checkedSessionToken(token, false)).toBeNull();
    expect(await checkedSessionToken(legacy, false)).toBeNull();
    expect(await checkedSessionToken({ sub: null }, false)).toBeNull();
  });

  test("Auth.js's decode (OAuth linking, its session endpoint) reads an ended session as none", async () => {
    const user = await signedInUser("authjs-decode");
    const [name, token] = String(user.headers.cookie).split("=") as [string, string];
    const params = { token, salt: name, secret: process.env.AUTH_SECRET as string };
    expect(await decodeLiveSession(params)).toMatchObject({ sub: user.userId });
    await signOutEverywhere(user);
    expect(await decodeLiveSession(params)).toBeNull();
  });
});
