import { expect, test } from "vitest";
import { asCookie, cookiesIssued, signedInWith } from "../helpers/cookie-modes";

// A plain-http site (a local run): read once by lib/env, after this file is loaded.
process.env.APP_URL = "http://localhost:3000";

test("on an http site no cookie is Secure or prefixed, even when X-Forwarded-Proto says https", async () => {
  const { guest, session } = await cookiesIssued("https");
  expect(guest).toMatch(/^skillmate_guest=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax$/);
  expect(session).toMatch(/^authjs\.session-token=/);
  expect(session).not.toContain("Secure");
  expect(await signedInWith(asCookie(session))).toBe(true);
  // A request cannot switch the site to the other name by carrying it.
  expect(await signedInWith(asCookie(session, "__Secure-authjs.session-token"))).toBe(false);
});
