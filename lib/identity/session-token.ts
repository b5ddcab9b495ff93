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

export type SessionClaims = { userId: string; name: string | null; email: string | null };

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
  };
}

/** A Set-Cookie that signs the user in, exactly as Auth.js's credentials callback would. */
export async function sessionSetCookie(user: {
  id: string;
  name: string | null;
  email: string;
}): Promise<string> {
  const secure = siteIsHttps();
  const name = secure ? SECURE_COOKIE : COOKIE;
  const value = await encode({
    token: { sub: user.id, name: user.name, email: user.email, picture: null },
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
