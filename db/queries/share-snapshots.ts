import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Tx } from "../client";
import { type Chat, type Message, type ShareSnapshot, shareSnapshots } from "../schema";

// The snapshot a chat's share link shows in snapshot mode (db/schema.ts). Written only
// inside a chat's own transaction, under its row lock (db/queries/chats.ts changeSharing
// and retakeShareSnapshot), so that the chat's share_mode and snapshot_at always agree
// with the row here.

/** What a snapshot holds; its time is the database's when it is stored. */
export type SnapshotContent = Pick<
  ShareSnapshot,
  "title" | "messages" | "redact" | "redactedRanges"
>;

/**
 * Builds a snapshot from the locked chat as it is now (and the snapshot it had, if any).
 * Runs inside the transaction: what it throws undoes the whole write.
 */
export type SnapshotBuilder = (current: {
  chat: Chat;
  messages: Message[];
  stored: ShareSnapshot | null;
}) => SnapshotContent;

/** The chat's snapshot, or null (a live link, or one never taken). */
export async function getShareSnapshotByChat({
  chatId,
  tx,
}: {
  chatId: string;
  tx?: Tx;
}): Promise<ShareSnapshot | null> {
  const db = tx ?? (await getDb());
  const [row] = await db
    .select()
    .from(shareSnapshots)
    .where(eq(shareSnapshots.chatId, chatId))
    .limit(1);
  return row ?? null;
}

/** Stores the chat's snapshot, replacing the one it had; answers when it was taken. */
export async function putShareSnapshot({
  tx,
  chatId,
  content,
}: {
  tx: Tx;
  chatId: string;
  content: SnapshotContent;
}): Promise<Date> {
  const values = { ...content, takenAt: sql`clock_timestamp()` };
  const [row] = await tx
    .insert(shareSnapshots)
    .values({ chatId, ...values })
    .onConflictDoUpdate({ target: shareSnapshots.chatId, set: values })
    .returning({ takenAt: shareSnapshots.takenAt });
  if (!row) throw new Error("snapshot insert returned no row");
  return row.takenAt;
}

/** Drops the chat's snapshot (its link goes live). */
export async function deleteShareSnapshot({ tx, chatId }: { tx: Tx; chatId: string }) {
  await tx.delete(shareSnapshots).where(eq(shareSnapshots.chatId, chatId));
}
