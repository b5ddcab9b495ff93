import { expect, test } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import { asCookie, cookiesIssued, signedInWith } from "../helpers/cookie-modes";
import { callRoute } from "../helpers/http";

// A plain-http site (a local run): read once by lib/env, after this file is loaded.
process.env.APP_URL = "http://localhost:3000";

test("on an http site the guest cookie is neither Secure nor prefixed, even when X-Forwarded-Proto says https", async () => {
  const { guest, chatId } = await cookiesIssued("https");
  expect(guest).toMatch(/^skillmate_guest=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  const get = (cookie: string) =>
    callRoute(chatRoute.GET, {
      path: `/api/chats/${chatId}/`,
      params: { id: chatId },
      headers: { cookie, "x-forwarded-proto": "https" },
    });
  expect((await get(asCookie(guest))).status).toBe(200);
  // The https mode's name is not read here, whatever the request claims.
  expect((await get(asCookie(guest, "__Host-skillmate_guest"))).status).toBe(404);
});

test("on an http site the session cookie is neither Secure nor prefixed, even when X-Forwarded-Proto says https", async () => {
  const { session } = await cookiesIssued("https");
  expect(session).toMatch(/^authjs\.session-token=/);
  expect(session).not.toContain("Secure");
  expect(await signedInWith(asCookie(session))).toBe(true);
  // A request cannot switch the site to the other name by carrying it.
  expect(await signedInWith(asCookie(session, "__Secure-authjs.session-token"))).toBe(false);
});
