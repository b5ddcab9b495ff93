import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "../client";
import { chats, users } from "../schema";
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

// ---- the account's own settings (app/api/account/) ----

export type AccountRow = PublicUser & { createdAt: Date; hasPassword: boolean };

const accountColumns = {
  ...publicColumns,
  createdAt: users.createdAt,
  passwordHash: users.passwordHash,
};

const toAccount = ({
  passwordHash,
  ...row
}: PublicUser & { createdAt: Date; passwordHash: string | null }): AccountRow => ({
  ...row,
  hasPassword: passwordHash !== null,
});

export async function getAccountById({ id }: { id: string }): Promise<AccountRow | null> {
  const db = await getDb();
  const [row] = await db.select(accountColumns).from(users).where(eq(users.id, id)).limit(1);
  return row ? toAccount(row) : null;
}

/** Renames and re-addresses an account; null when it no longer exists. */
export async function updateUserProfile({
  id,
  changes,
}: {
  id: string;
  changes: { name?: string | null; email?: string };
}): Promise<AccountRow | null> {
  const db = await getDb();
  try {
    const [row] = await db
      .update(users)
      .set(changes)
      .where(eq(users.id, id))
      .returning(accountColumns);
    return row ? toAccount(row) : null;
  } catch (error) {
    if (isUniqueViolation(error)) throw new EmailTakenError();
    throw error;
  }
}

/** The hash a confirmation is checked against (never sent anywhere). */
export async function getUserCredentialsById({ id }: { id: string }) {
  const db = await getDb();
  const [row] = await db
    .select({ ...publicColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/**
 * Ends every session signed in at or before `validAfter` (ms precision, as the sessions'
 * own stamp), optionally setting a new password hash in the same statement. False when
 * the account no longer exists.
 */
export async function revokeUserSessions({
  id,
  validAfter,
  passwordHash,
}: {
  id: string;
  validAfter: Date;
  passwordHash?: string;
}): Promise<boolean> {
  const db = await getDb();
  const rows = await db
    .update(users)
    .set({ sessionsValidAfter: validAfter, ...(passwordHash && { passwordHash }) })
    .where(eq(users.id, id))
    .returning({ id: users.id });
  return rows.length > 0;
}

/**
 * What a session of this user is checked against: null when the user does not exist
 * (deleted), else the moment before which its sessions are refused (null: none are).
 */
export async function getUserSessionsValidAfter({
  id,
}: {
  id: string;
}): Promise<{ validAfter: Date | null } | null> {
  const db = await getDb();
  const [row] = await db
    .select({ validAfter: users.sessionsValidAfter })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

/**
 * Deletes the user, their chats and (by cascade) messages and OAuth links, in one
 * transaction. Answers the share ids of the chats that were shared (their public pages
 * must go at once), or null when there was no such user.
 */
export async function deleteUserById({ id }: { id: string }): Promise<string[] | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Deleted explicitly, not only by cascade: the rows say which links were public.
    const deleted = await tx
      .delete(chats)
      .where(eq(chats.userId, id))
      .returning({ shareId: chats.shareId, isShared: chats.isShared });
    const [user] = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id });
    if (!user) return null;
    return deleted.filter((chat) => chat.isShared).map((chat) => chat.shareId);
  });
}
