import "server-only";
import {
  and,
  asc,
  desc,
  eq,
  gt,
  inArray,
  isNotNull,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { SHARE_CACHE_LIFE } from "@/lib/cache/share-cache-life";
import type { ChatCursor } from "@/lib/chats/cursor";
import { newShareId } from "@/lib/chats/share-id";
import { DEFAULT_TITLE, titleFromMessage } from "@/lib/chats/title";
import { type Db, getDb, type Tx } from "../client";
import { ChatIdTakenError, MessageIdTakenError } from "../errors";
import { executedRows, fromRawRow, selectRows } from "../raw-rows";
import { type Chat, chats, type Message, messages, shareSnapshots } from "../schema";
import {
  deleteShareSnapshot,
  getShareSnapshotByChat,
  putShareSnapshot,
  type SnapshotBuilder,
} from "./share-snapshots";

/** Who owns a chat: an account, or a visitor known by their guest cookie. */
export type Owner = { userId: string } | { guestId: string };

export type NewMessage = {
  id?: string;
  messageType: "user" | "assistant";
  content: string;
  isError?: boolean;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ownerColumns(owner: Owner) {
  return "userId" in owner
    ? { userId: owner.userId, guestId: null }
    : { userId: null, guestId: owner.guestId };
}

/** The owner as the messages' owner_key holds it (see db/schema.ts). */
export function ownerKey(owner: Owner): SQL {
  return "userId" in owner ? sql`md5(${`u${owner.userId}`})` : sql`md5(${`g${owner.guestId}`})`;
}

/** The owner_key of a chat row's owner, in SQL (`chat`: the row's alias or table). */
const ownerKeyOfRow = (chat: SQL) =>
  sql`md5(coalesce('u' || ${chat}.user_id, 'g' || ${chat}.guest_id::text))`;

export function ownerCondition(owner: Owner) {
  return "userId" in owner ? eq(chats.userId, owner.userId) : eq(chats.guestId, owner.guestId);
}

// Reads and writes of one owner's chat answer null (or false) both for someone else's
// chat and for no chat at all: the layers above make both the same not-found, so ids
// cannot be probed. A malformed id is simply no chat.
function ownedBy(id: string, owner: Owner) {
  return and(eq(chats.id, id), ownerCondition(owner));
}

// ---- reads ----

export async function listChatsByOwner({
  owner,
  limit = 50,
  cursor,
  shared,
  pinned,
  archived = false,
}: {
  owner: Owner;
  limit?: number;
  cursor?: ChatCursor;
  /** Only shared chats (true) or only private ones (false). */
  shared?: boolean;
  /** Only pinned chats (true) or only the others (false). */
  pinned?: boolean;
  /** The archived chats (true), the others (false), or both ("all"). */
  archived?: boolean | "all";
}): Promise<{ chats: Chat[]; hasMore: boolean }> {
  const db = await getDb();
  // A row-value comparison, so that PostgreSQL seeks the (owner, updated_at desc, id desc)
  // index to the cursor; the OR-expanded form would only filter.
  const after = cursor
    ? sql`(${chats.updatedAt}, ${chats.id}) < (${sql.param(cursor.updatedAt, chats.updatedAt)}, ${sql.param(cursor.id, chats.id)})`
    : undefined;
  const rows = await selectRows(
    db,
    chats,
    db
      .select()
      .from(chats)
      .where(
        and(
          ownerCondition(owner),
          archived === "all" ? undefined : eq(chats.isArchived, archived),
          after,
          shared === undefined ? undefined : eq(chats.isShared, shared),
          pinned === undefined ? undefined : eq(chats.isPinned, pinned),
        ),
      )
      .orderBy(desc(chats.updatedAt), desc(chats.id))
      .limit(limit + 1),
  );
  return { chats: rows.slice(0, limit), hasMore: rows.length > limit };
}

/** What an export reads of a chat and of a message: no owner, no share data. */
const exportChatColumns = {
  id: chats.id,
  title: chats.title,
  createdAt: chats.createdAt,
  updatedAt: chats.updatedAt,
  isPinned: chats.isPinned,
  isArchived: chats.isArchived,
  messageCount: chats.messageCount,
};
const exportMessageColumns = {
  id: messages.id,
  chatId: messages.chatId,
  messageType: messages.messageType,
  content: messages.content,
  isError: messages.isError,
  createdAt: messages.createdAt,
};

export type ExportChatRow = Pick<Chat, keyof typeof exportChatColumns>;
export type ExportMessageRow = Pick<Message, keyof typeof exportMessageColumns>;

/**
 * One batch of the owner's chats for an export, each with its messages in conversation
 * order: the chats after `after` (least recently updated first), at most `limit`, cut
 * short once they hold `messageBudget` messages (always at least one chat), so that a
 * batch's size in memory has a bound. Archived chats or the others (`archived`), as the
 * owner's index holds them apart. Two statements: a keyset seek of the owner's
 * (is_archived, updated_at, id) index, read backwards, and the batch's messages at once.
 */
export async function listChatsWithMessagesByOwner({
  owner,
  archived,
  limit,
  after,
  messageBudget = Number.POSITIVE_INFINITY,
}: {
  owner: Owner;
  archived: boolean;
  limit: number;
  after?: ChatCursor;
  messageBudget?: number;
}): Promise<{
  chats: { chat: ExportChatRow; messages: ExportMessageRow[] }[];
  hasMore: boolean;
}> {
  const db = await getDb();
  const afterCursor = after
    ? sql`(${chats.updatedAt}, ${chats.id}) > (${sql.param(after.updatedAt, chats.updatedAt)}, ${sql.param(after.id, chats.id)})`
    : undefined;
  const rows = await db
    .select(exportChatColumns)
    .from(chats)
    .where(and(ownerCondition(owner), eq(chats.isArchived, archived), afterCursor))
    .orderBy(asc(chats.updatedAt), asc(chats.id))
    .limit(limit + 1);
  let count = 0;
  let messageTotal = 0;
  for (const row of rows.slice(0, limit)) {
    if (count > 0 && messageTotal + row.messageCount > messageBudget) break;
    count += 1;
    messageTotal += row.messageCount;
  }
  const batch = rows.slice(0, count);
  const byChat = new Map(batch.map((chat) => [chat.id, [] as ExportMessageRow[]]));
  if (batch.length > 0) {
    const found = await db
      .select(exportMessageColumns)
      .from(messages)
      .where(inArray(messages.chatId, [...byChat.keys()]))
      .orderBy(asc(messages.chatId), asc(messages.createdAt), asc(messages.seq));
    for (const message of found) byChat.get(message.chatId)?.push(message);
  }
  return {
    chats: batch.map((chat) => ({ chat, messages: byChat.get(chat.id) ?? [] })),
    hasMore: rows.length > count,
  };
}

async function messagesOf(db: Db | Tx, chatId: string): Promise<Message[]> {
  return selectRows(
    db,
    messages,
    db
      .select()
      .from(messages)
      .where(eq(messages.chatId, chatId))
      .orderBy(asc(messages.createdAt), asc(messages.seq)),
  );
}

/** A chat's last `limit` messages, in conversation order (the order index, read backwards). */
async function latestMessagesOf(db: Db | Tx, chatId: string, limit: number): Promise<Message[]> {
  const latest = await selectRows(
    db,
    messages,
    db
      .select()
      .from(messages)
      .where(eq(messages.chatId, chatId))
      .orderBy(desc(messages.createdAt), desc(messages.seq))
      .limit(limit),
  );
  return latest.reverse();
}

/** A chat's messages in conversation order; the caller has checked who may read them. */
export async function listMessagesByChat({ chatId }: { chatId: string }): Promise<Message[]> {
  return messagesOf(await getDb(), chatId);
}

/**
 * A chat row and its messages (the last `latest`, or all), in one statement: one round
 * trip, and one snapshot, so message_count always agrees with the messages (as two
 * statements under READ COMMITTED, a reply saved between them made them disagree).
 */
async function chatWithMessages(where: SQL | undefined, latest?: number) {
  const db = await getDb();
  const [row] = executedRows<{
    chat: Record<string, unknown>;
    messages: Record<string, unknown>[];
  }>(
    await db.execute(sql`
      select row_to_json(${chats}) as chat,
        (select coalesce(json_agg(m order by m.created_at, m.seq), '[]')
         from (select * from ${messages} where ${messages.chatId} = ${chats.id}
               order by ${messages.createdAt} desc, ${messages.seq} desc
               limit ${latest ?? null}) m) as messages
      from ${chats} where ${where} limit 1`),
  );
  if (!row) return null;
  return {
    chat: fromRawRow(chats, row.chat),
    messages: row.messages.map((m) => fromRawRow(messages, m)),
  };
}

/**
 * The owner's chat and its messages in conversation order; null if not theirs. With
 * `latest`, only that many of the last messages (the chat's message_count, from the same
 * snapshot, says how many there are in all).
 */
export async function getOwnedChatWithMessages({
  id,
  owner,
  latest,
}: {
  id: string;
  owner: Owner;
  latest?: number;
}) {
  if (!UUID.test(id)) return null;
  return chatWithMessages(ownedBy(id, owner), latest);
}

/** Whether the owner has this chat (a check before spending on it). */
export async function ownsChat(args: { chatId: string; owner: Owner }) {
  return (await getOwnedChatTitle(args)) !== null;
}

/** The title of the owner's chat; null when they have no such chat. */
export async function getOwnedChatTitle({ chatId, owner }: { chatId: string; owner: Owner }) {
  if (!UUID.test(chatId)) return null;
  const db = await getDb();
  const [chat] = await db
    .select({ title: chats.title })
    .from(chats)
    .where(ownedBy(chatId, owner))
    .limit(1);
  return chat?.title ?? null;
}

/** What the public sees of a message (a snapshot keeps no more). */
export type PublicMessage = Pick<
  Message,
  "id" | "messageType" | "content" | "isError" | "createdAt"
>;

/**
 * A chat as the public sees it: only while it is shared. An expired share is still
 * returned (with its share_expires_at), so that callers can answer 410 rather than 404.
 * A snapshot link shows its snapshot: the chat comes with the snapshot's title, its
 * updated_at is the snapshot's time and message_count its number of messages, and the
 * messages are the snapshot's (redacted as the owner chose). One statement, so that the
 * chat's mode and what it shows come from one database snapshot.
 */
export async function getSharedChatByShareId({
  shareId,
}: {
  shareId: string;
}): Promise<{ chat: Chat; messages: PublicMessage[] } | null> {
  const db = await getDb();
  const [row] = executedRows<{
    chat: Record<string, unknown>;
    messages: Record<string, unknown>[] | null;
    snapshot: Record<string, unknown> | null;
  }>(
    await db.execute(sql`
      select row_to_json(${chats}) as chat,
        case when ${chats.shareMode} = 'live' then
          (select coalesce(json_agg(m order by m.created_at, m.seq), '[]')
           from ${messages} m where m.chat_id = ${chats.id})
        end as messages,
        case when ${chats.shareMode} = 'snapshot' then
          (select row_to_json(s) from ${shareSnapshots} s where s.chat_id = ${chats.id})
        end as snapshot
      from ${chats} where ${chats.shareId} = ${shareId} and ${chats.isShared} limit 1`),
  );
  if (!row) return null;
  const chat = fromRawRow(chats, row.chat);
  if (chat.shareMode === "live") {
    return { chat, messages: (row.messages ?? []).map((m) => fromRawRow(messages, m)) };
  }
  // A snapshot link without its snapshot cannot be (both are written in one transaction);
  // were it so, it would show the chat's title and no message, never the live messages.
  const snapshot = row.snapshot ? fromRawRow(shareSnapshots, row.snapshot) : null;
  const shown = (snapshot?.messages ?? []).map((m) => ({
    id: m.id,
    messageType: m.message_type,
    content: m.content,
    isError: m.is_error,
    createdAt: new Date(m.created_at),
  }));
  return {
    chat: {
      ...chat,
      title: snapshot?.title ?? chat.title,
      updatedAt: snapshot?.takenAt ?? chat.snapshotAt ?? chat.updatedAt,
      messageCount: shown.length,
    },
    messages: shown,
  };
}

/** Just the flags that decide how the public may see a chat. */
export async function getShareVisibility({ shareId }: { shareId: string }) {
  const db = await getDb();
  const [row] = await db
    .select({
      isShared: chats.isShared,
      isDiscoverable: chats.isDiscoverable,
      ownedByAccount: isNotNull(chats.userId),
      shareExpiresAt: chats.shareExpiresAt,
    })
    .from(chats)
    .where(eq(chats.shareId, shareId))
    .limit(1);
  return row ?? null;
}

// Shared chats their owners let search engines index. Only accounts can (a check
// constraint holds it); the condition is repeated so that no query can list a guest's.
// No write expires the sitemap's tag when a link's time runs out, and a cached file may
// be served until its cache life's expire: so a link is listed only while it stays live
// longer than that, and a crawler never follows the sitemap to a 410.
const discoverable = and(
  eq(chats.isShared, true),
  eq(chats.isDiscoverable, true),
  isNotNull(chats.userId),
  or(
    isNull(chats.shareExpiresAt),
    gt(chats.shareExpiresAt, sql`now() + make_interval(secs => ${SHARE_CACHE_LIFE.expire})`),
  ),
);

// When the public page last changed: a snapshot link shows its snapshot's time.
const publicUpdatedAt = sql<Date>`coalesce(${chats.snapshotAt}, ${chats.updatedAt})`.mapWith(
  chats.updatedAt,
);

/**
 * One slice of the discoverable chats in id order, for one sitemap file: the first
 * `limit` after the chat `after` (from the start when null). Keyset: one index seek,
 * however far down the list the slice starts.
 */
export async function listDiscoverableChats({
  after,
  limit,
}: {
  after: string | null;
  limit: number;
}) {
  const db = await getDb();
  return db
    .select({ shareId: chats.shareId, updatedAt: publicUpdatedAt })
    .from(chats)
    .where(after === null ? discoverable : and(discoverable, gt(chats.id, after)))
    .orderBy(asc(chats.id))
    .limit(limit);
}

export async function countDiscoverableChats(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(chats).where(discoverable);
  return Number(row?.n ?? 0);
}

/**
 * Where the sitemap's files after the first start: the id of the last chat of each file
 * that another follows (lib/chats/sitemap.ts says which), in order. One pass over the
 * discoverable chats' index.
 */
export async function listSitemapFileStarts({ perFile }: { perFile: number }): Promise<string[]> {
  const db = await getDb();
  const ranked = db
    .select({ id: chats.id, n: sql<number>`row_number() over (order by ${chats.id})`.as("n") })
    .from(chats)
    .where(discoverable)
    .as("ranked");
  const rows = await db
    .select({ id: ranked.id })
    .from(ranked)
    .where(sql`(${ranked.n} + 1) % ${perFile} = 0`)
    .orderBy(asc(ranked.id));
  return rows.map((row) => row.id);
}

// ---- writes ----

// Rows per INSERT: a statement holds at most 65,535 parameters, up to 6 a message here. A
// copy of a long chat (continue, branch) may hold more than one statement can.
const INSERT_ROWS = 5_000;

/**
 * Inserts a batch, in one statement up to INSERT_ROWS messages; a message whose id is
 * already stored is skipped (saving is idempotent), unless that id belongs to another
 * chat (MessageIdTakenError).
 */
async function insertMessages(tx: Tx, chat: Chat, batch: NewMessage[]): Promise<Message[]> {
  const inserted: Message[] = [];
  for (let start = 0; start < batch.length; start += INSERT_ROWS) {
    inserted.push(...(await insertRows(tx, chat, batch.slice(start, start + INSERT_ROWS))));
  }
  return inserted;
}

async function insertRows(tx: Tx, chat: Chat, batch: NewMessage[]): Promise<Message[]> {
  if (batch.length === 0) return [];
  const inserted = await tx
    .insert(messages)
    .values(
      batch.map((m) => ({
        ...(m.id ? { id: m.id.toLowerCase() } : {}),
        chatId: chat.id,
        messageType: m.messageType,
        content: m.content,
        isError: m.isError ?? false,
        // clock_timestamp, not now(): writers to one chat queue on its row lock, and
        // each must sort after the one before it.
        createdAt: sql`clock_timestamp()`,
        ownerKey: ownerKey(chat.userId ? { userId: chat.userId } : { guestId: chat.guestId ?? "" }),
      })),
    )
    .onConflictDoNothing({ target: messages.id })
    .returning();
  const skippedIds = batch
    .map((m) => m.id?.toLowerCase())
    .filter((id): id is string => Boolean(id) && !inserted.some((row) => row.id === id));
  if (skippedIds.length > 0) await refuseIdsOfOtherChats(tx, chat.id, skippedIds);
  return inserted;
}

/** Counts, updated_at and the automatic title after messages were added to a chat. */
async function recordInsert(tx: Tx, chat: Chat, inserted: Message[]): Promise<Chat> {
  if (inserted.length === 0) return chat;
  const firstUser = inserted.find((m) => m.messageType === "user");
  const retitle = !chat.titleIsCustom && chat.title === DEFAULT_TITLE && firstUser;
  const [updated] = await tx
    .update(chats)
    .set({
      messageCount: sql`${chats.messageCount} + ${inserted.length}`,
      updatedAt: sql`greatest(clock_timestamp(), ${chats.updatedAt})`,
      ...(retitle ? { title: titleFromMessage(firstUser.content) } : {}),
    })
    .where(eq(chats.id, chat.id))
    .returning();
  if (!updated) throw new Error("chat vanished inside its own transaction");
  return updated;
}

/**
 * Creates a chat with its first messages, all or nothing. With a client-chosen `id` that
 * is already the owner's chat (a retried create), that chat is answered instead, with
 * any of the messages it lacks added; another owner's is ChatIdTakenError.
 */
export async function createChatWithMessages({
  id,
  owner,
  title,
  messages: batch = [],
  branchedFrom,
}: {
  id?: string;
  owner: Owner;
  title?: string;
  messages?: NewMessage[];
  /** A branch: the chat it copies, and the last message of the copy (null: none). */
  branchedFrom?: { chatId: string; afterMessageId: string | null };
}): Promise<{ chat: Chat; messages: Message[] }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(chats)
      .values({
        ...(id ? { id: id.toLowerCase() } : {}),
        ...ownerColumns(owner),
        shareId: newShareId(),
        ...(title ? { title, titleIsCustom: true } : {}),
        ...(branchedFrom
          ? { branchedFromId: branchedFrom.chatId, branchedAfterId: branchedFrom.afterMessageId }
          : {}),
      })
      .onConflictDoNothing({ target: chats.id })
      .returning();
    const chat = created ?? (id ? await lockOwnedChat(tx, id, owner) : null);
    if (!chat) {
      if (id) throw new ChatIdTakenError(id);
      throw new Error("insert returned no row");
    }
    const inserted = await insertMessages(tx, chat, batch);
    const updated = await recordInsert(tx, chat, inserted);
    return { chat: updated, messages: await messagesOf(tx, updated.id) };
  });
}

async function lockOwnedChat(tx: Tx, id: string, owner: Owner): Promise<Chat | null> {
  if (!UUID.test(id)) return null;
  // FOR UPDATE: concurrent writers to one chat take turns, so counts, titles and
  // message order stay right.
  const [chat] = await tx.select().from(chats).where(ownedBy(id, owner)).for("update");
  return chat ?? null;
}

/**
 * The one statement appendMessages sends, and the ids of the batch in order (bench:api
 * also runs it straight through postgres.js, as the reference the API is measured by).
 */
export function appendStatement(chatId: string, owner: Owner, batch: NewMessage[]) {
  const rows = batch.map((m, ord) => ({
    id: m.id?.toLowerCase() ?? crypto.randomUUID(),
    ord,
    message_type: m.messageType,
    content: m.content,
    is_error: m.isError ?? false,
    title: m.messageType === "user" ? titleFromMessage(m.content) : null,
  }));
  const statement = sql`
    with batch as (
      select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb)
        as b(id uuid, ord int, message_type text, content text, is_error boolean, title text)
    ),
    locked as (
      select * from ${chats} where ${ownedBy(chatId, owner)} for update
    ),
    taken as (
      select m.id from ${messages} m join batch b on b.id = m.id, locked
      where m.chat_id <> locked.id limit 1
    ),
    ins as (
      insert into ${messages} (id, chat_id, message_type, content, is_error, created_at, owner_key)
      select b.id, locked.id, b.message_type, b.content, b.is_error, clock_timestamp(),
        ${ownerKeyOfRow(sql`locked`)}
      from locked cross join batch b
      where not exists (select 1 from taken)
      order by b.ord
      on conflict (id) do nothing
      returning *
    ),
    upd as (
      update ${chats} c set
        message_count = c.message_count + (select count(*) from ins),
        updated_at = greatest(clock_timestamp(), c.updated_at),
        title = case when not c.title_is_custom and c.title = ${DEFAULT_TITLE}
          then coalesce((select b.title from ins join batch b on b.id = ins.id
                         where b.title is not null order by b.ord limit 1), c.title)
          else c.title end
      from locked
      where c.id = locked.id and exists (select 1 from ins)
      returning c.*
    )
    select
      exists (select 1 from locked) as found,
      coalesce((select row_to_json(upd) from upd), (select row_to_json(locked) from locked)) as chat,
      (select json_agg(ins order by ins.created_at, ins.seq) from ins) as inserted,
      (select id from taken) as taken,
      (select count(*)::int from batch b
        where not exists (select 1 from ins where ins.id = b.id)
          and not exists (select 1 from ${messages} m where m.id = b.id)) as unseen`;

  return { statement, ids: rows.map((r) => r.id) };
}

type AppendRow = {
  found: boolean;
  chat: Record<string, unknown> | null;
  inserted: Record<string, unknown>[] | null;
  /** An id of the batch that another chat holds, as this statement saw the table. */
  taken: string | null;
  /** Ids neither inserted nor seen anywhere: rows committed since the statement began. */
  unseen: number;
};

/**
 * Adds messages to the owner's chat, idempotently by message id; null if not theirs.
 *
 * One statement, so one round trip: lock the owned chat, insert the messages in order
 * (created_at from clock_timestamp() after the lock, so writers to one chat sort by
 * arrival), and update its count, updated_at and automatic title, or insert nothing when
 * an id belongs to another chat (MessageIdTakenError). The count is exact under
 * concurrent writers: they queue on the row lock, and the update reads the row as the
 * last of them left it.
 *
 * A statement sees the table as it was when it began, so an id another chat committed
 * meanwhile is skipped by ON CONFLICT but not seen. Batches with client-chosen ids (the
 * only ones such an id can be in) therefore run in a transaction that looks again when
 * that happens, and undoes the statement if the id is another chat's: all or nothing.
 */
export async function appendMessages({
  chatId,
  owner,
  messages: batch,
}: {
  chatId: string;
  owner: Owner;
  messages: NewMessage[];
}): Promise<{ chat: Chat; inserted: Message[] } | null> {
  if (!UUID.test(chatId)) return null;
  const run = (db: Db | Tx) => runAppend(db, chatId, owner, batch);
  const db = await getDb();
  return batch.some((m) => m.id) ? db.transaction(run) : run(db);
}

async function runAppend(
  db: Db | Tx,
  chatId: string,
  owner: Owner,
  batch: NewMessage[],
): Promise<{ chat: Chat; inserted: Message[] } | null> {
  const { statement, ids } = appendStatement(chatId, owner, batch);
  const [row] = executedRows<AppendRow>(await db.execute(statement));
  if (!row?.found || !row.chat) return null;
  if (row.taken) throw new MessageIdTakenError(row.taken);
  if (row.unseen > 0) await refuseIdsOfOtherChats(db, chatId, ids);
  return {
    chat: fromRawRow(chats, row.chat),
    inserted: (row.inserted ?? []).map((m) => fromRawRow(messages, m)),
  };
}

/** Throws MessageIdTakenError if another chat holds one of these ids (read anew). */
async function refuseIdsOfOtherChats(db: Db | Tx, chatId: string, ids: string[]) {
  const [elsewhere] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(inArray(messages.id, ids), ne(messages.chatId, chatId)))
    .limit(1);
  if (elsewhere) throw new MessageIdTakenError(elsewhere.id);
}

/** The stored message with this id in the owner's chat (for a retried single post). */
export async function getMessageInChat({ chatId, id }: { chatId: string; id: string }) {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(messages)
    .where(and(eq(messages.chatId, chatId), eq(messages.id, id.toLowerCase())))
    .limit(1);
  return row ?? null;
}

// Kept while a chat stays shared; set anew when it goes from private to shared.
const sharedAtOnShare = sql`case when ${chats.isShared} then ${chats.sharedAt} else now() end`;

// When sharing without saying when it ends: a live share keeps its expiry, a new share
// (or one whose link has expired: sharing it again revives it) never expires.
const expiryOnShare = sql`case when ${chats.isShared} and (${chats.shareExpiresAt} is null or ${chats.shareExpiresAt} > now()) then ${chats.shareExpiresAt} else null end`;

export type ChatChanges = {
  title?: string;
  isShared?: boolean;
  isDiscoverable?: boolean;
  isPinned?: boolean;
  isArchived?: boolean;
  /** When the share link stops working (null: never). */
  shareExpiresAt?: Date | null;
};

/**
 * Renames, shares or unshares, sets discoverability, pins and archives. updated_at
 * tracks the conversation, so these do not move the chat in the owner's list.
 */
export async function updateOwnedChat({
  id,
  owner,
  changes,
}: {
  id: string;
  owner: Owner;
  changes: ChatChanges;
}): Promise<Chat | null> {
  if (!UUID.test(id)) return null;
  const db = await getDb();
  const [chat] = await db
    .update(chats)
    .set({
      ...(changes.title !== undefined ? { title: changes.title, titleIsCustom: true } : {}),
      ...(changes.isShared !== undefined ? { isShared: changes.isShared } : {}),
      ...(changes.isShared ? { sharedAt: sharedAtOnShare, shareExpiresAt: expiryOnShare } : {}),
      ...(changes.isDiscoverable !== undefined ? { isDiscoverable: changes.isDiscoverable } : {}),
      ...(changes.isPinned !== undefined ? { isPinned: changes.isPinned } : {}),
      ...(changes.isArchived !== undefined ? { isArchived: changes.isArchived } : {}),
      ...(changes.shareExpiresAt !== undefined ? { shareExpiresAt: changes.shareExpiresAt } : {}),
    })
    .where(ownedBy(id, owner))
    .returning();
  return chat ?? null;
}

/** Flips sharing in one statement, so two quick clicks cannot both read the old state. */
export async function toggleSharing({ id, owner }: { id: string; owner: Owner }) {
  if (!UUID.test(id)) return null;
  const db = await getDb();
  const [chat] = await db
    .update(chats)
    .set({ isShared: sql`not ${chats.isShared}`, sharedAt: sharedAtOnShare })
    .where(ownedBy(id, owner))
    .returning();
  return chat ?? null;
}

/**
 * Sets sharing ("toggle": flips it, "keep": leaves it), under the chat's row lock: two quick
 * clicks cannot both read the old state. `expiresAt`: when the link stops working (null:
 * never; undefined: kept while shared, never for a new share). `newShareId`: the chat
 * gets this share id, and the old one stops working. Returns the chat and the share id
 * it had before, or null if not the owner's.
 */
export async function changeSharing({
  id,
  owner,
  isShared,
  expiresAt,
  newShareId: nextShareId,
  mode,
}: {
  id: string;
  owner: Owner;
  isShared: boolean | "toggle" | "keep";
  expiresAt?: Date | null;
  newShareId?: string;
  /**
   * "live": the link shows the chat as it is (its snapshot dropped); a builder: the link
   * shows a snapshot taken now, from the locked chat. Left out: the mode is kept.
   */
  mode?: "live" | { snapshot: SnapshotBuilder };
}): Promise<{ chat: Chat; previousShareId: string } | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await lockOwnedChat(tx, id, owner);
    if (!before) return null;
    const sharing =
      isShared === "toggle" ? !before.isShared : isShared === "keep" ? before.isShared : isShared;
    const sharingAnew = sharing && isShared !== "keep";
    const modeChange =
      mode === undefined
        ? {}
        : mode === "live"
          ? await goLive(tx, before)
          : await takeSnapshot(tx, before, mode.snapshot);
    const [chat] = await tx
      .update(chats)
      .set({
        ...modeChange,
        isShared: sharing,
        ...(sharingAnew ? { sharedAt: sharedAtOnShare } : {}),
        ...(expiresAt !== undefined
          ? { shareExpiresAt: expiresAt }
          : sharingAnew
            ? { shareExpiresAt: expiryOnShare }
            : {}),
        ...(nextShareId ? { shareId: nextShareId } : {}),
      })
      .where(eq(chats.id, before.id))
      .returning();
    if (!chat) throw new Error("chat vanished inside its own transaction");
    return { chat, previousShareId: before.shareId };
  });
}

async function goLive(tx: Tx, chat: Chat) {
  await deleteShareSnapshot({ tx, chatId: chat.id });
  return { shareMode: "live" as const, snapshotAt: null };
}

/** Takes the locked chat's snapshot; the chat's columns that say so. */
async function takeSnapshot(tx: Tx, chat: Chat, build: SnapshotBuilder) {
  const content = build({
    chat,
    messages: await messagesOf(tx, chat.id),
    stored: await getShareSnapshotByChat({ tx, chatId: chat.id }),
  });
  const takenAt = await putShareSnapshot({ tx, chatId: chat.id, content });
  return { shareMode: "snapshot" as const, snapshotAt: takenAt };
}

/**
 * Takes the snapshot of a snapshot link again, from the chat as it is now, under the
 * chat's row lock; shared or not, the link (share_id) stays. null: not the owner's chat;
 * "live": the chat's link is live (it has no snapshot to take again).
 */
export async function retakeShareSnapshot({
  id,
  owner,
  build,
}: {
  id: string;
  owner: Owner;
  build: SnapshotBuilder;
}): Promise<Chat | "live" | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const before = await lockOwnedChat(tx, id, owner);
    if (!before) return null;
    if (before.shareMode === "live") return "live" as const;
    const [chat] = await tx
      .update(chats)
      .set(await takeSnapshot(tx, before, build))
      .where(eq(chats.id, before.id))
      .returning();
    if (!chat) throw new Error("chat vanished inside its own transaction");
    return chat;
  });
}

/** Unshares every shared chat of the owner in one statement; the share ids it revoked. */
export async function unshareAllOwned({ owner }: { owner: Owner }): Promise<string[]> {
  const db = await getDb();
  const revoked = await db
    .update(chats)
    .set({ isShared: false })
    .where(and(ownerCondition(owner), eq(chats.isShared, true)))
    .returning({ shareId: chats.shareId });
  return revoked.map((r) => r.shareId);
}

/**
 * Deletes up to `limit` of the owner's chats, archived ones too, and (by cascade) their
 * messages, in one statement; returns what each was.
 */
export async function deleteOwnedChats({ owner, limit }: { owner: Owner; limit: number }) {
  const db = await getDb();
  const batch = db.select({ id: chats.id }).from(chats).where(ownerCondition(owner)).limit(limit);
  return db
    .delete(chats)
    .where(and(inArray(chats.id, batch), ownerCondition(owner)))
    .returning({ shareId: chats.shareId, isShared: chats.isShared });
}

/**
 * Archives (or, `archived: false`, brings back) up to `limit` of the owner's chats that
 * are not so yet, in one statement; how many it changed.
 */
export async function setOwnedChatsArchived({
  owner,
  archived,
  limit,
}: {
  owner: Owner;
  archived: boolean;
  limit: number;
}) {
  const db = await getDb();
  const batch = db
    .select({ id: chats.id })
    .from(chats)
    .where(and(ownerCondition(owner), eq(chats.isArchived, !archived)))
    .limit(limit);
  const changed = await db
    .update(chats)
    .set({ isArchived: archived })
    .where(and(inArray(chats.id, batch), ownerCondition(owner)))
    .returning({ id: chats.id });
  return changed.length;
}

/** Deletes the chat and (by cascade) its messages; returns what it was, or null. */
export async function deleteOwnedChat({ id, owner }: { id: string; owner: Owner }) {
  if (!UUID.test(id)) return null;
  const db = await getDb();
  const [deleted] = await db
    .delete(chats)
    .where(ownedBy(id, owner))
    .returning({ shareId: chats.shareId, isShared: chats.isShared });
  return deleted ?? null;
}

/**
 * Removes the chat's last message, `id`, when it is an assistant reply: the one a Retry
 * (a failed reply) or a Regenerate (any reply) replaces. Only that one can go: the rest
 * of a conversation is never deleted message by message. Under the chat's row lock, so a
 * reply being stored and this check take turns. null: not the owner's chat. Otherwise:
 * - "removed";
 * - "gone": `id` is in the chat no more and the chat awaits a reply: the same request
 *   sent again after its first try removed it (client retries keep their ids);
 * - "refused": `id` is not the chat's last reply (a user message, an older reply, or one
 *   another tab's Regenerate already replaced), and nothing changed.
 */
export async function deleteLastReply({
  chatId,
  owner,
  id,
}: {
  chatId: string;
  owner: Owner;
  id: string;
}): Promise<{ chat: Chat; outcome: "removed" | "gone" | "refused" } | null> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const chat = await lockOwnedChat(tx, chatId, owner);
    if (!chat) return null;
    const [last] = await latestMessagesOf(tx, chatId, 1);
    if (last?.id !== id.toLowerCase() || last.messageType !== "assistant") {
      if (last?.messageType !== "user") return { chat, outcome: "refused" as const };
      const [named] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.chatId, chatId), eq(messages.id, id.toLowerCase())))
        .limit(1);
      return { chat, outcome: named ? ("refused" as const) : ("gone" as const) };
    }
    await tx.delete(messages).where(and(eq(messages.id, last.id), eq(messages.chatId, chatId)));
    await tx
      .update(chats)
      .set({ messageCount: sql`${chats.messageCount} - 1` })
      .where(eq(chats.id, chatId));
    return { chat, outcome: "removed" as const };
  });
}

/**
 * Replaces the user message `id`, and every message after it, with `replacement` (Edit),
 * in one transaction under the chat's row lock: the chat is either as before or edited,
 * never left without them. null: not the owner's chat. Otherwise:
 * - "replaced", with the chat and the stored replacement;
 * - "gone": `id` is in the chat no more and the replacement is: the same request sent
 *   again after its first try went through (client retries keep their ids);
 * - "refused": `id` is a reply, or is in the chat no more (another tab edited it first),
 *   and nothing changed.
 * MessageIdTakenError: the replacement's id is another chat's, and nothing changed.
 */
export async function replaceFromMessage({
  chatId,
  owner,
  id,
  replacement,
}: {
  chatId: string;
  owner: Owner;
  id: string;
  replacement: NewMessage & { id: string };
}): Promise<
  | { outcome: "replaced" | "gone"; chat: Chat; inserted: Message[] }
  | { outcome: "refused"; chat: Chat }
  | null
> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const chat = await lockOwnedChat(tx, chatId, owner);
    if (!chat) return null;
    const ids = [id.toLowerCase(), replacement.id.toLowerCase()];
    const named = await tx
      .select({
        id: messages.id,
        type: messages.messageType,
        at: messages.createdAt,
        seq: messages.seq,
      })
      .from(messages)
      .where(and(eq(messages.chatId, chatId), inArray(messages.id, ids)));
    const edited = named.find((m) => m.id === ids[0]);
    if (edited?.type !== "user") {
      const retried = !edited && named.some((m) => m.id === ids[1]);
      return retried
        ? { outcome: "gone" as const, chat, inserted: [] }
        : { outcome: "refused" as const, chat };
    }
    const removed = await tx
      .delete(messages)
      .where(
        and(
          eq(messages.chatId, chatId),
          sql`(${messages.createdAt}, ${messages.seq}) >= (${sql.param(edited.at, messages.createdAt)}, ${edited.seq})`,
        ),
      )
      .returning({ id: messages.id });
    await tx
      .update(chats)
      .set({ messageCount: sql`${chats.messageCount} - ${removed.length}` })
      .where(eq(chats.id, chatId));
    // The chat is locked and its row there: the append finds it.
    const appended = await runAppend(tx, chatId, owner, [replacement]);
    if (!appended) throw new Error("edited chat not found under its lock");
    return { outcome: "replaced" as const, ...appended };
  });
}

/** A guest who signs in keeps their chats: they move to the account. */
export async function moveGuestChatsToUser({
  guestId,
  userId,
  tx,
}: {
  guestId: string;
  userId: string;
  tx?: Tx;
}): Promise<number> {
  const db = tx ?? (await getDb());
  const moved = await db
    .update(chats)
    .set({ userId, guestId: null })
    .where(eq(chats.guestId, guestId))
    .returning({ id: chats.id });
  if (moved.length > 0) {
    // Their messages are searched as the account's from now on.
    await db
      .update(messages)
      .set({ ownerKey: ownerKey({ userId }) })
      .where(
        inArray(
          messages.chatId,
          moved.map((chat) => chat.id),
        ),
      );
  }
  return moved.length;
}
