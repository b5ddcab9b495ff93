import type { Owner } from "@/db/queries/chats";
import { registerUser } from "@/lib/identity/accounts";
import { guestCookieValue, newGuestId } from "@/lib/identity/guest";
import { sessionSetCookie } from "@/lib/identity/session-token";
import { uniqueEmail } from "./http";

export type TestCaller = { label: string; headers: Record<string, string> };

/** A new account, and the Cookie header of its signed-in browser. */
export async function signedInUser(
  label = "user",
): Promise<TestCaller & { userId: string; email: string }> {
  const user = await registerUser(
    { email: uniqueEmail(label), password: "long enough", name: label },
    null,
  );
  const cookie = (await sessionSetCookie(user)).split(";")[0] ?? "";
  return { label, userId: user.id, email: user.email, headers: { cookie } };
}

/** A visitor with a guest identity (as after their first write). */
export function guest(label = "guest"): TestCaller & { guestId: string } {
  const guestId = newGuestId();
  return { label, guestId, headers: { cookie: `skillmate_guest=${guestCookieValue(guestId)}` } };
}

export const nobody: TestCaller = { label: "nobody", headers: {} };

/** An account's or a guest's identity as the data layer names an owner. */
export const ownerOf = (caller: TestCaller & ({ userId: string } | { guestId: string })): Owner =>
  "userId" in caller ? { userId: caller.userId } : { guestId: caller.guestId };
