import type { Owner } from "@/db/queries/chats";
import { parseCookies } from "@/lib/identity/cookies";
import { guestCookieName, verifyGuestCookie } from "@/lib/identity/guest";
import { readSessionToken } from "@/lib/identity/session-token";

/** Who is calling: the one answer every route, page and action uses. */
export type Caller =
  | { kind: "user"; userId: string; name: string | null; email: string | null }
  | { kind: "guest"; guestId: string }
  | { kind: "anonymous" };

export async function resolveCaller(headers: Headers): Promise<Caller> {
  const session = await readSessionToken(headers);
  if (session) return { kind: "user", ...session };
  const guestId = guestIdOf(headers);
  return guestId ? { kind: "guest", guestId } : { kind: "anonymous" };
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
