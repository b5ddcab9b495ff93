import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { newShareId } from "@/lib/chats/share-id";
import { getDb, type Tx } from "../client";
import { ChatIdTakenError } from "../errors";
import { chats, messages } from "../schema";
import { type Owner, ownerCondition, ownerKey } from "./chats";

/** A chat of an import file, with the ids it is stored under (derived, so repeatable). */
export type ImportChatRow = {
  id: string;
  title: string;
  /** A title of the file's own, which automatic titling must never replace. */
  titleIsCustom: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Set on a new chat only: an earlier import's chat keeps what its owner made of it. */
  isPinned: boolean;
  isArchived: boolean;
  messages: {
    id: string;
    messageType: "user" | "assistant";
    content: string;
    isError: boolean;
    createdAt: Date;
  }[];
};

export type ImportChatOutcome = {
  chat: ImportChatRow;
  /** created: a new chat; extended: an earlier import's chat that lacked messages. */
  outcome: "created" | "extended" | "unchanged";
  inserted: number;
  /** A shared chat whose page now shows more (its cached page must be expired). */
  sharedId: string | null;
};

// A batch is a few statements whatever its size; these bound its memory and the
// statements' parameters (PostgreSQL allows 65,535; a message row takes 7).
const BATCH_CHATS = 100;
const BATCH_MESSAGES = 2_000;
const ROWS_PER_INSERT = 1_000;

/**
 * Stores the chats of an import for the owner, all in one transaction: if reading the
 * file fails at any point (the iterable throws), or any statement does, nothing of it
 * is stored. Chats are inserted in batches under ids the caller derived from the file,
 * so a chat imported before is found by its id: only the messages it lacks are added
 * (by their derived ids), and otherwise it is left as it is. An id that is another
 * owner's chat is ChatIdTakenError.
 */
export async function importChatsForOwner({
  owner,
  chats: source,
  onOutcome,
}: {
  owner: Owner;
  chats: AsyncIterable<ImportChatRow>;
  onOutcome: (outcome: ImportChatOutcome) => void;
}): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    let batch: ImportChatRow[] = [];
    let batchMessages = 0;
    for await (const chat of source) {
      batch.push(chat);
      batchMessages += chat.messages.length;
      if (batch.length >= BATCH_CHATS || batchMessages >= BATCH_MESSAGES) {
        for (const outcome of await storeBatch(tx, owner, batch)) onOutcome(outcome);
        batch = [];
        batchMessages = 0;
      }
    }
    if (batch.length > 0)
      for (const outcome of await storeBatch(tx, owner, batch)) onOutcome(outcome);
  });
}

async function storeBatch(tx: Tx, owner: Owner, batch: ImportChatRow[]) {
  // A file may name a conversation twice (an NDJSON export repeats a chat that changed
  // while it ran): the later one is newer, and a batch must not insert one id twice.
  const byId = new Map(batch.map((chat) => [chat.id, chat]));
  const unique = [...byId.values()];
  const created = await tx
    .insert(chats)
    .values(
      unique.map((chat) => ({
        id: chat.id,
        ...("userId" in owner
          ? { userId: owner.userId, guestId: null }
          : { userId: null, guestId: owner.guestId }),
        shareId: newShareId(),
        title: chat.title,
        titleIsCustom: chat.titleIsCustom,
        messageCount: chat.messages.length,
        createdAt: chat.createdAt,
        updatedAt: chat.updatedAt,
        isPinned: chat.isPinned,
        isArchived: chat.isArchived,
      })),
    )
    .onConflictDoNothing({ target: chats.id })
    .returning({ id: chats.id });
  const createdIds = new Set(created.map((row) => row.id));
  const earlier = unique.filter((chat) => !createdIds.has(chat.id)).map((chat) => chat.id);
  // Earlier imports' chats are locked, as every message write locks its chat, so that
  // their counts stay exact under a concurrent write.
  const owned =
    earlier.length === 0
      ? []
      : await tx
          .select({ id: chats.id, shareId: chats.shareId, isShared: chats.isShared })
          .from(chats)
          .where(and(inArray(chats.id, earlier), ownerCondition(owner)))
          .for("update");
  const ownedById = new Map(owned.map((row) => [row.id, row]));
  const foreign = earlier.find((id) => !ownedById.has(id));
  if (foreign) throw new ChatIdTakenError(foreign);

  const key = ownerKey(owner);
  const rows = unique.flatMap((chat) =>
    chat.messages.map((m) => ({
      id: m.id,
      chatId: chat.id,
      messageType: m.messageType,
      content: m.content,
      isError: m.isError,
      createdAt: m.createdAt,
      ownerKey: key,
    })),
  );
  const insertedPerChat = new Map<string, number>();
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const inserted = await tx
      .insert(messages)
      .values(rows.slice(start, start + ROWS_PER_INSERT))
      .onConflictDoNothing({ target: messages.id })
      .returning({ chatId: messages.chatId });
    for (const { chatId } of inserted) {
      insertedPerChat.set(chatId, (insertedPerChat.get(chatId) ?? 0) + 1);
    }
  }

  const outcomes: ImportChatOutcome[] = [];
  for (const chat of unique) {
    const inserted = insertedPerChat.get(chat.id) ?? 0;
    if (createdIds.has(chat.id)) {
      // A message id already stored elsewhere was skipped: the count says what is there.
      if (inserted !== chat.messages.length) {
        await tx.update(chats).set({ messageCount: inserted }).where(eq(chats.id, chat.id));
      }
      outcomes.push({ chat, outcome: "created", inserted, sharedId: null });
      continue;
    }
    const row = ownedById.get(chat.id);
    if (inserted > 0) {
      await tx
        .update(chats)
        .set({
          messageCount: sql`${chats.messageCount} + ${inserted}`,
          updatedAt: sql`greatest(${chats.updatedAt}, ${sql.param(chat.updatedAt, chats.updatedAt)})`,
        })
        .where(eq(chats.id, chat.id));
    }
    outcomes.push({
      chat,
      outcome: inserted > 0 ? "extended" : "unchanged",
      inserted,
      sharedId: inserted > 0 && row?.isShared ? row.shareId : null,
    });
  }
  return outcomes;
}
