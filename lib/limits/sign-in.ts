import "server-only";
import type { PublicUser } from "@/db/queries/users";
import { authenticate, checkPassword } from "@/lib/identity/accounts";
import { consumeOrThrow, giveBack, resetLimit, retryAfter } from "./enforce";
import { limits } from "./policies";

// Password guessing: each account, and each client address, gets a few tries per window.
// A try is counted before the password is checked (so parallel guesses cannot slip past
// the count) and given back when it succeeds. Unknown emails are counted like known ones:
// the limit reveals nothing about which accounts exist.

const tooMany = (wait: string) => `Too many sign-in attempts. Try again in ${wait}.`;

export async function authenticateWithinLimits({
  email,
  password,
  address,
}: {
  email: string;
  password: string;
  address: string;
}): Promise<PublicUser | null> {
  const account = limits.signInAccount();
  const perAddress = limits.signInAddress();
  await consumeOrThrow(perAddress, address, tooMany);
  await consumeOrThrow(account, email, tooMany);
  const user = await authenticate(email, password);
  if (user) await Promise.all([resetLimit(account, email), giveBack(perAddress, address)]);
  return user;
}

/**
 * A signed-in user's password typed again to confirm a change (a new password, deleting
 * the account): the same budget as signing in, per account (its email, shared with the
 * sign-in form's tries) and per address, so that a session in the wrong hands cannot
 * guess the password faster here. Null when the account has no password.
 */
export async function confirmPasswordWithinLimits({
  userId,
  email,
  password,
  address,
}: {
  userId: string;
  email: string;
  password: string;
  address: string;
}): Promise<boolean | null> {
  const account = limits.signInAccount();
  const perAddress = limits.signInAddress();
  await consumeOrThrow(perAddress, address, tooMany);
  await consumeOrThrow(account, email, tooMany);
  const ok = await checkPassword(userId, password);
  if (ok) await Promise.all([resetLimit(account, email), giveBack(perAddress, address)]);
  return ok;
}

/** Seconds until this email and address may try again (0: they may now). */
export async function signInRetryAfter({ email, address }: { email: string; address: string }) {
  const [byAccount, byAddress] = await Promise.all([
    retryAfter(limits.signInAccount(), email),
    retryAfter(limits.signInAddress(), address),
  ]);
  return Math.max(byAccount, byAddress);
}

export { tooMany as tooManySignIns };
