import { expect, test } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import { asCookie, cookiesIssued, signedInWith } from "../helpers/cookie-modes";
import { callRoute } from "../helpers/http";

// An https site: read once by lib/env, after this file is loaded.
process.env.APP_URL = "https://chats.example";

test("over HTTPS the guest cookie is __Host- and Secure, whatever X-Forwarded-Proto says", async () => {
  const { guest, chatId } = await cookiesIssued("http");
  expect(guest).toMatch(
    /^__Host-skillmate_guest=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax; Secure$/,
  );
  expect(guest).not.toMatch(/Domain=/i);
  const get = (cookie: string) =>
    callRoute(chatRoute.GET, {
      path: `/api/chats/${chatId}/`,
      params: { id: chatId },
      headers: { cookie },
    });
  expect((await get(asCookie(guest))).status).toBe(200);
  // The same signed value under the plain name is not this site's cookie any more.
  expect((await get(asCookie(guest, "skillmate_guest"))).status).toBe(404);
});

test("over HTTPS the session cookie is __Secure- and Secure, and only that name signs in", async () => {
  const { session } = await cookiesIssued("http");
  expect(session).toMatch(/^__Secure-authjs\.session-token=[^;]+;.*; Secure$/);
  expect(await signedInWith(asCookie(session))).toBe(true);
  expect(await signedInWith(asCookie(session, "authjs.session-token"))).toBe(false);
});
