import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../client";
import { users } from "../schema";
import { moveGuestChatsToUser } from "./chats";

// What may leave the server: never the password hash.
const publicColumns = { id: users.id, email: users.email, name: users.name };
export type PublicUser = { id: string; email: string; name: string | null };

export class EmailTakenError extends Error {
  constructor() {
    super("an account with this email already exists");
  }
}

function isUniqueViolation(error: unknown): boolean {
  // postgres.js and PGlite both surface SQLSTATE as `code`, sometimes on `cause`.
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Creates a password account and, in the same transaction, moves the caller's guest
 * chats to it, so that a visitor who signs up keeps what they wrote.
 */
export async function createUserWithPassword({
  email,
  name,
  passwordHash,
  guestId,
}: {
  email: string;
  name: string | null;
  passwordHash: string;
  guestId?: string | null;
}): Promise<PublicUser> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, name, passwordHash })
        .returning(publicColumns);
      if (!user) throw new Error("insert returned no row");
      if (guestId) await moveGuestChatsToUser({ guestId, userId: user.id, tx });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/** For the credentials sign-in only: the one query that reads the hash. */
export async function getUserCredentialsByEmail({ email }: { email: string }) {
  const db = await getDb();
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

/** Replaces an account's password hash (an old bcrypt hash upgraded at sign-in). */
export async function updateUserPasswordHash({
  id,
  passwordHash,
}: {
  id: string;
  passwordHash: string;
}) {
  const db = await getDb();
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

export async function getUserById({ id }: { id: string }): Promise<PublicUser | null> {
  const db = await getDb();
  const [row] = await db.select(publicColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ?? null;
}
