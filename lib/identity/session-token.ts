import { encode, getToken } from "next-auth/jwt";
import { authSecret } from "@/lib/env";
import { siteIsHttps } from "@/lib/identity/cookies";
import { decodeSession } from "@/lib/identity/session-decode";

// Auth.js names its session cookie by whether the site is served over https; the
// JWT's salt is that name. Reading and writing here stay compatible with Auth.js's own
// sign-in, sign-out and `auth()` (configured with the same useSecureCookies). Which name
// is in force follows APP_URL, never what a request carries.
const COOKIE = "authjs.session-token";
const SECURE_COOKIE = "__Secure-authjs.session-token";
export const SESSION_MAX_AGE = 30 * 24 * 60 * 60;

/**
 * When the session was signed in, in ms: what revocation compares with (a user's
 * sessions_valid_after). Not `iat`, which is in seconds (too coarse to tell the fresh
 * cookie of a password change from the tokens it revokes) and which Auth.js renews each
 * time it re-signs a token (its session endpoint does).
 */
export const SIGNED_IN_AT = "signed_in_at";

export type SessionClaims = {
  userId: string;
  name: string | null;
  email: string | null;
  signedInAt: number;
};

/** A token's sign-in time in ms; a token issued before the claim existed has its iat. */
export function signedInAtOf(token: Record<string, unknown>): number {
  const stamped = token[SIGNED_IN_AT];
  if (typeof stamped === "number" && Number.isFinite(stamped)) return stamped;
  // Seconds, rounded down: never later than the real moment, so never wrongly kept.
  return typeof token.iat === "number" ? token.iat * 1000 : 0;
}

/** The signed-in user named by a request's Auth.js session cookie, if any. */
export async function readSessionToken(headers: Headers): Promise<SessionClaims | null> {
  const token = await getToken({
    req: { headers },
    secret: authSecret(),
    secureCookie: siteIsHttps(),
    decode: decodeSession,
  });
  if (!token?.sub) return null;
  return {
    userId: token.sub,
    name: typeof token.name === "string" ? token.name : null,
    email: typeof token.email === "string" ? token.email : null,
    signedInAt: signedInAtOf(token),
  };
}

/**
 * A Set-Cookie that signs the user in, exactly as Auth.js's credentials callback would.
 * `signedInAt` (ms, default now): a password change stamps the caller's new cookie just
 * after the moment it revoked the others at.
 */
export async function sessionSetCookie(
  user: { id: string; name: string | null; email: string },
  signedInAt = Date.now(),
): Promise<string> {
  const secure = siteIsHttps();
  const name = secure ? SECURE_COOKIE : COOKIE;
  const value = await encode({
    token: {
      sub: user.id,
      name: user.name,
      email: user.email,
      picture: null,
      [SIGNED_IN_AT]: signedInAt,
    },
    secret: authSecret(),
    salt: name,
    maxAge: SESSION_MAX_AGE,
  });
  return [
    `${name}=${value}`,
    "Path=/",
    `Max-Age=${SESSION_MAX_AGE}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** A Set-Cookie that removes the session cookie (a session that was ended elsewhere). */
export function clearSessionSetCookie(): string {
  const secure = siteIsHttps();
  return [
    `${secure ? SECURE_COOKIE : COOKIE}=`,
    "Path=/",
    "Max-Age=0",
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
