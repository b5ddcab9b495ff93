import "server-only";
import {
  type AccountRow,
  deleteUserById,
  EmailTakenError,
  revokeUserSessions,
  updateUserProfile,
} from "@/db/queries/users";
import { expireSharedChats } from "@/lib/cache/public-cache";
import { hashPassword } from "@/lib/identity/password";
import { sessionValidity } from "@/lib/identity/session-validity";
import { confirmPasswordWithinLimits } from "@/lib/limits/sign-in";
import type { DeleteAccountIn, PatchAccountIn } from "@/lib/validation/account";
import { accountGone, emailTaken, wrongConfirmation } from "./errors";
import { getAccount } from "./reads";

// Every write to the caller's own account. Those that end sessions write the database
// first and then tell every instance (sessionValidity.changed), before they answer: a
// session ended here is refused everywhere from the next request on.

export async function updateProfile({
  userId,
  changes,
}: {
  userId: string;
  changes: PatchAccountIn;
}): Promise<AccountRow> {
  try {
    const row = await updateUserProfile({ id: userId, changes });
    if (!row) throw accountGone();
    return row;
  } catch (error) {
    if (error instanceof EmailTakenError) throw emailTaken();
    throw error;
  }
}

/**
 * Sets a new password and ends every session signed in until now, this one included.
 * Answers the account and the sign-in moment (ms) for the caller's fresh cookie: just
 * after the moment the others were ended at, so that it alone stays valid.
 */
export async function changePassword({
  userId,
  currentPassword,
  newPassword,
  address,
}: {
  userId: string;
  currentPassword: string;
  newPassword: string;
  address: string;
}): Promise<{ account: AccountRow; signedInAt: number }> {
  const account = await getAccount({ userId });
  if (!account.hasPassword) {
    throw wrongConfirmation(
      "current_password",
      "This account has no password: it signs in through GitHub or Google.",
    );
  }
  const ok = await confirmPasswordWithinLimits({
    userId,
    email: account.email,
    password: currentPassword,
    address,
  });
  if (!ok) throw wrongConfirmation("current_password", "That is not your current password.");
  const passwordHash = await hashPassword(newPassword);
  // Taken after the (slow) hash: a session signed in meanwhile is ended too.
  const validAfter = Date.now();
  if (!(await revokeUserSessions({ id: userId, validAfter: new Date(validAfter), passwordHash }))) {
    throw accountGone();
  }
  await sessionValidity.changed([userId]);
  return { account, signedInAt: validAfter + 1 };
}

/** Ends every session of the user, the caller's included. */
export async function signOutEverywhere({ userId }: { userId: string }): Promise<void> {
  if (!(await revokeUserSessions({ id: userId, validAfter: new Date() }))) throw accountGone();
  await sessionValidity.changed([userId]);
}

/**
 * Deletes the account with its chats, messages and share links, once confirmed: by its
 * password, or (an account without one) by its email typed again. Its sessions end and
 * its shared pages are gone on every instance before this returns.
 */
export async function deleteAccount({
  userId,
  confirmation,
  address,
}: {
  userId: string;
  confirmation: DeleteAccountIn;
  address: string;
}): Promise<void> {
  const account = await getAccount({ userId });
  if (account.hasPassword) {
    if (confirmation.password === undefined) {
      throw wrongConfirmation("password", "Enter your password to delete your account.");
    }
    const ok = await confirmPasswordWithinLimits({
      userId,
      email: account.email,
      password: confirmation.password,
      address,
    });
    if (!ok) throw wrongConfirmation("password", "That is not your password.");
  } else if (confirmation.email?.trim().toLowerCase() !== account.email) {
    throw wrongConfirmation("email", "Type this account's email address to delete it.");
  }
  const revoked = await deleteUserById({ id: userId });
  if (!revoked) throw accountGone();
  await sessionValidity.changed([userId]);
  await expireSharedChats(revoked);
}
