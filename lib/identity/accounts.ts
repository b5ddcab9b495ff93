import "server-only";
import {
  createUserWithPassword,
  EmailTakenError,
  getUserCredentialsByEmail,
  getUserCredentialsById,
  type PublicUser,
  updateUserPasswordHash,
} from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { hashPassword, needsRehash, verifyPassword } from "@/lib/identity/password";
import type { RegisterInput } from "@/lib/validation/user";

// Verified against when the email is unknown (or the account has no password), so that
// a miss costs as long as a hit and timings do not reveal which emails have accounts.
// Made once, with the same parameters as every stored hash.
let dummyHash: Promise<string> | undefined;
const dummy = () => {
  dummyHash ??= hashPassword("not anyone's password");
  return dummyHash;
};

export async function registerUser(
  input: RegisterInput,
  guestId: string | null,
): Promise<PublicUser> {
  try {
    return await createUserWithPassword({
      email: input.email,
      name: input.name || null,
      passwordHash: await hashPassword(input.password),
      guestId,
    });
  } catch (error) {
    if (error instanceof EmailTakenError) {
      throw new AppError("conflict", "An account with this email already exists.");
    }
    throw error;
  }
}

export async function authenticate(email: string, password: string): Promise<PublicUser | null> {
  const row = await getUserCredentialsByEmail({ email });
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummy()));
  if (!row?.passwordHash || !ok) return null;
  // The password is at hand only now: a bcrypt (or outdated) hash becomes Argon2id.
  if (needsRehash(row.passwordHash)) {
    await updateUserPasswordHash({ id: row.id, passwordHash: await hashPassword(password) });
  }
  return { id: row.id, email: row.email, name: row.name };
}

/**
 * Whether `password` is the account's: null when the account has no password (it signs
 * in through OAuth) or no longer exists, costing a verify all the same.
 */
export async function checkPassword(userId: string, password: string): Promise<boolean | null> {
  const row = await getUserCredentialsById({ id: userId });
  const ok = await verifyPassword(password, row?.passwordHash ?? (await dummy()));
  return row?.passwordHash ? ok : null;
}
