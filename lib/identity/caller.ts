import type { Owner } from "@/db/queries/chats";
import { parseCookies } from "@/lib/identity/cookies";
import { guestCookieName, verifyGuestCookie } from "@/lib/identity/guest";
import { readSessionToken } from "@/lib/identity/session-token";
import { sessionValidity } from "@/lib/identity/session-validity";

/** Who is calling: the one answer every route, page and action uses. */
export type Caller =
  | {
      kind: "user";
      userId: string;
      name: string | null;
      email: string | null;
      /** When this session signed in (ms): a cookie re-issued for it keeps the moment. */
      signedInAt: number;
    }
  | { kind: "guest"; guestId: string }
  | { kind: "anonymous" };

/**
 * The caller, and whether the request carried a session that has ended (signed out
 * everywhere, a changed password, a deleted account). Such a session counts for nothing:
 * the caller is what the request is without it. The API refuses it outright (401, and
 * the cookie cleared: lib/http/route.ts) rather than quietly serving a visitor.
 */
export async function resolveCallerAndSession(
  headers: Headers,
): Promise<{ caller: Caller; endedSession: boolean }> {
  const session = await readSessionToken(headers);
  if (session && (await sessionValidity.isCurrent(session.userId, session.signedInAt))) {
    return { caller: { kind: "user", ...session }, endedSession: false };
  }
  const guestId = guestIdOf(headers);
  return {
    caller: guestId ? { kind: "guest", guestId } : { kind: "anonymous" },
    endedSession: session !== null,
  };
}

export async function resolveCaller(headers: Headers): Promise<Caller> {
  return (await resolveCallerAndSession(headers)).caller;
}

/** The guest id a request carries, whether or not someone is also signed in. */
export function guestIdOf(headers: Headers): string | null {
  return verifyGuestCookie(parseCookies(headers.get("cookie")).get(guestCookieName()));
}

/** The caller as the owner of chats; null for a visitor with no guest identity yet. */
export function ownerOf(caller: Caller): Owner | null {
  if (caller.kind === "user") return { userId: caller.userId };
  if (caller.kind === "guest") return { guestId: caller.guestId };
  return null;
}
