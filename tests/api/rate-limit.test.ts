import { expect, test } from "vitest";
import * as listRoute from "@/app/api/chats/route";
import { listChatsByOwner } from "@/db/queries/chats";
import { RateLimiter } from "@/lib/http/rate-limit";
import { guest } from "../helpers/callers";
import { callRoute } from "../helpers/http";

// Read by lib/env on first use, after this file is loaded.
process.env.RATE_LIMIT_WRITES_PER_MINUTE = "5";

test("writes past the per-minute limit are 429 rate_limited with Retry-After, and change nothing", async () => {
  const visitor = guest();
  const create = () =>
    callRoute(listRoute.POST, { path: "/api/chats/", body: {}, headers: visitor.headers });
  for (let i = 0; i < 5; i++) expect((await create()).status).toBe(201);
  const limited = await create();
  expect(limited.status).toBe(429);
  expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  expect((await limited.json()).error.code).toBe("rate_limited");
  expect((await listChatsByOwner({ owner: { guestId: visitor.guestId } })).chats).toHaveLength(5);

  // Another caller has a budget of their own, and reads are not limited.
  expect(
    (await callRoute(listRoute.POST, { path: "/api/chats/", body: {}, headers: guest().headers }))
      .status,
  ).toBe(201);
  expect(
    (await callRoute(listRoute.GET, { path: "/api/chats/", headers: visitor.headers })).status,
  ).toBe(200);
});

test("the window resets after a minute", () => {
  const limiter = new RateLimiter(2);
  limiter.hit("k", 0);
  limiter.hit("k", 1);
  expect(() => limiter.hit("k", 2)).toThrow(/Too many requests/);
  expect(() => limiter.hit("k", 60_000)).not.toThrow();
});
