import "server-only";
import {
  createUserWithPassword,
  EmailTakenError,
  getUserCredentialsByEmail,
  type PublicUser,
} from "@/db/queries/users";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/password";
import type { RegisterInput } from "@/lib/validation/user";

// Compared against when the email is unknown, so that a miss costs as long as a hit
// and response times do not reveal which emails have accounts.
const DUMMY_HASH = "$2b$10$yFa9qL.kzSKlteBD26oxWOoygNhWp8G/VUDMQlccju2zqmxE.tYBu";

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
  const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
  if (!row?.passwordHash || !ok) return null;
  return { id: row.id, email: row.email, name: row.name };
}
