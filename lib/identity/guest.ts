import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { authSecret } from "@/lib/env";
import { siteIsHttps } from "@/lib/identity/cookies";

// A visitor's guest identity: a random id, signed so it cannot be forged or guessed
// from another guest's cookie. Over HTTPS its name carries the __Host- prefix, which
// browsers only accept from a secure origin, for the whole host, with no Domain: a
// sibling subdomain or a plain-HTTP page cannot plant or overwrite it.
export function guestCookieName(): string {
  return siteIsHttps() ? "__Host-skillmate_guest" : "skillmate_guest";
}
const GUEST_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function sign(guestId: string): string {
  return createHmac("sha256", authSecret()).update(`guest:${guestId}`).digest("base64url");
}

export function guestCookieValue(guestId: string): string {
  return `${guestId}.${sign(guestId)}`;
}

/** The guest id in a cookie value, or null when it is missing, malformed or forged. */
export function verifyGuestCookie(value: string | undefined | null): string | null {
  if (!value) return null;
  const [guestId, signature, ...rest] = value.split(".");
  if (!guestId || !signature || rest.length > 0 || !UUID.test(guestId)) return null;
  const expected = Buffer.from(sign(guestId));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? guestId : null;
}

export function newGuestId(): string {
  return randomUUID();
}

function guestCookie(value: string, maxAge: number): string {
  return [
    `${guestCookieName()}=${value}`,
    "Path=/",
    `Max-Age=${maxAge}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(siteIsHttps() ? ["Secure"] : []),
  ].join("; ");
}

/** Set-Cookie for a new guest identity: httpOnly, SameSite=Lax, a year long. */
export function guestSetCookie(guestId: string): string {
  return guestCookie(guestCookieValue(guestId), GUEST_COOKIE_MAX_AGE);
}

export function clearGuestCookie(): string {
  return guestCookie("", 0);
}
