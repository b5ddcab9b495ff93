import { expect, test } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as listRoute from "@/app/api/chats/route";
import * as registerRoute from "@/app/api/register/route";
import { listChatsByOwner } from "@/db/queries/chats";
import { getUserCredentialsByEmail } from "@/db/queries/users";
import { startAssistantTurn } from "@/lib/chats/assistant-turn";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { AppError } from "@/lib/errors";
import { verifyGuestCookie } from "@/lib/identity/guest";
import { authenticateWithinLimits } from "@/lib/limits/sign-in";
import { guest, signedInUser } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute, uniqueEmail } from "../helpers/http";
import { fromAddress, newAddress } from "../helpers/limits";

// Small limits, read by lib/env on first use (after this file is loaded).
Object.assign(process.env, {
  RATE_LIMIT_WRITES_PER_MINUTE: "5",
  RATE_LIMIT_GUESTS_PER_HOUR: "3",
  RATE_LIMIT_SIGN_IN_PER_ACCOUNT: "3",
  RATE_LIMIT_SIGN_IN_PER_ADDRESS: "6",
  RATE_LIMIT_SIGN_UPS_PER_HOUR: "2",
  AI_REPLIES_IN_FLIGHT: "1",
  AI_REPLIES_PER_DAY_GUEST: "2",
  AI_REPLIES_PER_DAY_ACCOUNT: "3",
  AI_MAX_OUTPUT_TOKENS: "20",
  AI_OFFLINE_CHUNK_DELAY_MS: "5",
});

async function expectRateLimited(response: Response) {
  expect(response.status).toBe(429);
  expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  const body = await response.json();
  expect(body.error.code).toBe("rate_limited");
  expect(body.error.message).toMatch(/try again in \d+/i);
  expect(response.headers.getSetCookie()).toEqual([]);
}

test("cookie-less writes mint at most RATE_LIMIT_GUESTS_PER_HOUR guests per address, whatever X-Forwarded-For says", async () => {
  const address = newAddress();
  const guests: string[] = [];
  for (let i = 0; i < 6; i++) {
    const response = await callRoute(listRoute.POST, {
      path: "/api/chats/",
      body: {},
      headers: fromAddress(address, `203.0.113.${i + 1}`),
    });
    if (i < 3) {
      expect(response.status).toBe(201);
      const cookie = response.headers.getSetCookie()[0] ?? "";
      guests.push(verifyGuestCookie(cookie.split(";")[0]?.split("=")[1]) ?? "");
    } else {
      await expectRateLimited(response);
    }
  }
  // Three guests with one chat each, and nothing for the refused requests.
  for (const guestId of guests) {
    expect((await listChatsByOwner({ owner: { guestId } })).chats).toHaveLength(1);
  }
  // Another address has a budget of its own.
  const other = await callRoute(listRoute.POST, {
    path: "/api/chats/",
    body: {},
    headers: fromAddress(newAddress()),
  });
  expect(other.status).toBe(201);
});

test("writes past the per-minute limit are 429 with Retry-After and change nothing; reads are not limited", async () => {
  const visitor = guest();
  const create = () =>
    callRoute(listRoute.POST, { path: "/api/chats/", body: {}, headers: visitor.headers });
  for (let i = 0; i < 5; i++) expect((await create()).status).toBe(201);
  await expectRateLimited(await create());
  expect((await listChatsByOwner({ owner: { guestId: visitor.guestId } })).chats).toHaveLength(5);
  const list = await callRoute(listRoute.GET, { path: "/api/chats/", headers: visitor.headers });
  expect(list.status).toBe(200);
  // Another caller has a budget of their own.
  const other = await callRoute(listRoute.POST, {
    path: "/api/chats/",
    body: {},
    headers: guest().headers,
  });
  expect(other.status).toBe(201);
});

async function refusedSignIn(attempt: Promise<unknown>): Promise<AppError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const refusal = error as AppError;
  expect(refusal.code).toBe("rate_limited");
  expect(Number(refusal.headers?.["retry-after"])).toBeGreaterThan(60);
  expect(refusal.message).toMatch(/^Too many sign-in attempts\. Try again in \d+ min\.$/);
  return refusal;
}

test("sign-in: a few failures per account, then 429 even with the right password; other accounts unaffected", async () => {
  const user = await signedInUser("signin");
  const address1 = newAddress();
  const me = { email: user.email, address: address1 };
  for (let i = 0; i < 3; i++) {
    expect(await authenticateWithinLimits({ ...me, password: `wrong ${i}` })).toBeNull();
  }
  await refusedSignIn(authenticateWithinLimits({ ...me, password: "long enough" }));
  // The limit is the account's: from another address it is refused too.
  await refusedSignIn(
    authenticateWithinLimits({ ...me, address: newAddress(), password: "long enough" }),
  );
  // Another account from the first address still signs in.
  const other = await signedInUser("signin-other");
  expect(
    await authenticateWithinLimits({
      email: other.email,
      address: address1,
      password: "long enough",
    }),
  ).toMatchObject({ id: other.userId });
});

test("sign-in: a success resets the account's failures", async () => {
  const user = await signedInUser("signin-reset");
  const at = { email: user.email, address: newAddress() };
  for (let i = 0; i < 2; i++)
    expect(await authenticateWithinLimits({ ...at, password: "nope" })).toBeNull();
  expect(await authenticateWithinLimits({ ...at, password: "long enough" })).not.toBeNull();
  for (let i = 0; i < 3; i++)
    expect(await authenticateWithinLimits({ ...at, password: "nope" })).toBeNull();
  await refusedSignIn(authenticateWithinLimits({ ...at, password: "long enough" }));
});

test("sign-in: unknown emails are limited like accounts, and one address is limited across accounts", async () => {
  const address = newAddress();
  const unknown = uniqueEmail("nobody");
  for (let i = 0; i < 3; i++) {
    expect(await authenticateWithinLimits({ email: unknown, address, password: "x" })).toBeNull();
  }
  await refusedSignIn(authenticateWithinLimits({ email: unknown, address, password: "x" }));
  // 4 tries counted for this address so far; 2 more, then every account is refused.
  for (let i = 0; i < 2; i++) {
    expect(
      await authenticateWithinLimits({ email: uniqueEmail("spray"), address, password: "x" }),
    ).toBeNull();
  }
  const victim = await signedInUser("signin-victim");
  await refusedSignIn(
    authenticateWithinLimits({ email: victim.email, address, password: "long enough" }),
  );
});

test("POST /api/register is limited per address and a refused sign-up creates nothing", async () => {
  const address = newAddress();
  const register = (email: string, spoofed: string) =>
    callRoute(registerRoute.POST, {
      path: "/api/register",
      body: { email, password: "long enough" },
      headers: fromAddress(address, spoofed),
    });
  expect((await register(uniqueEmail("su"), "1.1.1.1")).status).toBe(201);
  expect((await register(uniqueEmail("su"), "2.2.2.2")).status).toBe(201);
  const refused = uniqueEmail("su");
  await expectRateLimited(await register(refused, "3.3.3.3"));
  expect(await getUserCredentialsByEmail({ email: refused })).toBeNull();
});

function turn(owner: { userId: string } | { guestId: string }, chatId: string, text: string) {
  return startAssistantTurn({
    owner,
    request: {
      chat_id: chatId,
      assistant_id: crypto.randomUUID(),
      message: { id: crypto.randomUUID(), content: text },
    },
    signal: new AbortController().signal,
    requestId: "test",
  });
}

async function refusal(attempt: Promise<unknown>): Promise<AppError> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe("rate_limited");
  expect(Number((error as AppError).headers?.["retry-after"])).toBeGreaterThanOrEqual(1);
  return error as AppError;
}

test("the assistant: one reply in flight per caller, a daily quota lower for guests, refusals store nothing", async () => {
  const { guestId } = guest();
  const owner = { guestId };
  const chat = await newChat(owner);
  const first = await turn(owner, chat.id, "I want to learn to juggle");
  // While the first reply streams, a second is refused before anything is stored.
  const busy = await refusal(turn(owner, chat.id, "and also the ukulele"));
  expect(busy.message).toMatch(/still answering/);
  await first.saved;
  let stored = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(stored.messages.map((m) => m.messageType)).toEqual(["user", "assistant"]);
  // The reply obeys AI_MAX_OUTPUT_TOKENS (the offline model counts words as tokens).
  expect(stored.messages[1]?.content.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(20);

  await (await turn(owner, chat.id, "how long will it take?")).saved;
  const daily = await refusal(turn(owner, chat.id, "one more?"));
  expect(daily.message).toMatch(/today's 2 replies for guests\. Sign up for more/);
  stored = await getOwnedChatOrThrow({ id: chat.id, owner });
  expect(stored.messages).toHaveLength(4);
  expect(stored.chat.messageCount).toBe(4);
});

test("the assistant: accounts get their own, larger quota; someone else's chat costs nothing", async () => {
  const user = await signedInUser("quota");
  const owner = { userId: user.userId };
  const chat = await newChat(owner);
  // Not found, and no quota spent.
  const stranger = await newChat({ guestId: guest().guestId });
  await expect(turn(owner, stranger.id, "hi")).rejects.toMatchObject({ code: "not_found" });
  for (let i = 0; i < 3; i++) await (await turn(owner, chat.id, `question ${i}`)).saved;
  const daily = await refusal(turn(owner, chat.id, "question 4"));
  expect(daily.message).toMatch(/today's 3 replies\. Try again in/);
});

test("a guest may not be refused by reads: GET stays open after the write budget is gone", async () => {
  const visitor = guest();
  const chat = await newChat({ guestId: visitor.guestId });
  for (let i = 0; i < 5; i++) {
    await callRoute(chatRoute.PATCH, {
      method: "PATCH",
      path: `/api/chats/${chat.id}/`,
      params: { id: chat.id },
      body: { title: `t${i}` },
      headers: visitor.headers,
    });
  }
  const get = await callRoute(chatRoute.GET, {
    path: `/api/chats/${chat.id}/`,
    params: { id: chat.id },
    headers: visitor.headers,
  });
  expect(get.status).toBe(200);
});
