import "server-only";
import type { PublicUser } from "@/db/queries/users";
import { authenticate } from "@/lib/identity/accounts";
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

/** Seconds until this email and address may try again (0: they may now). */
export async function signInRetryAfter({ email, address }: { email: string; address: string }) {
  const [byAccount, byAddress] = await Promise.all([
    retryAfter(limits.signInAccount(), email),
    retryAfter(limits.signInAddress(), address),
  ]);
  return Math.max(byAccount, byAddress);
}

export { tooMany as tooManySignIns };
