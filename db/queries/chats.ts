import "server-only";
import { eq } from "drizzle-orm";
import { newShareId } from "@/lib/share-id";
import { getDb } from "../client";
import { chats } from "../schema";

/** Who owns a chat: an account, or a visitor known by their guest cookie. */
export type Owner = { userId: string } | { guestId: string };

function ownerColumns(owner: Owner) {
  return "userId" in owner
    ? { userId: owner.userId, guestId: null }
    : { userId: null, guestId: owner.guestId };
}

export function ownerCondition(owner: Owner) {
  return "userId" in owner ? eq(chats.userId, owner.userId) : eq(chats.guestId, owner.guestId);
}

export async function createChat({ owner, title }: { owner: Owner; title?: string }) {
  const db = await getDb();
  const [chat] = await db
    .insert(chats)
    .values({
      ...ownerColumns(owner),
      shareId: newShareId(),
      ...(title ? { title, titleIsCustom: true } : {}),
    })
    .returning();
  if (!chat) throw new Error("insert returned no row");
  return chat;
}

export async function listChatsByOwner({ owner }: { owner: Owner }) {
  const db = await getDb();
  return db.select().from(chats).where(ownerCondition(owner));
}

/** A guest who signs in keeps their chats: they move to the account. */
export async function moveGuestChatsToUser({
  guestId,
  userId,
}: {
  guestId: string;
  userId: string;
}): Promise<number> {
  const db = await getDb();
  const moved = await db
    .update(chats)
    .set({ userId, guestId: null })
    .where(eq(chats.guestId, guestId))
    .returning({ id: chats.id });
  return moved.length;
}
