import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";

// Millisecond precision: a JS Date round-trips exactly, so keyset cursors built from
// a Date never skip rows (PostgreSQL's default microseconds would).
const ts = (name: string) => timestamp(name, { withTimezone: true, precision: 3, mode: "date" });

// ---- Auth.js tables (shape required by @auth/drizzle-adapter) ----

export const users = pgTable(
  "users",
  {
    id: text("id")
      .primaryKey()
      .$defaultFn(() => crypto.randomUUID()),
    name: text("name"),
    email: text("email").notNull(),
    emailVerified: ts("email_verified"),
    image: text("image"),
    // null for accounts that only sign in through OAuth.
    passwordHash: text("password_hash"),
    createdAt: ts("created_at").notNull().defaultNow(),
    // Sessions signed in at or before this moment are refused (a password change, "sign
    // out everywhere"): the one piece of state stateless JWT sessions need to be revoked.
    sessionsValidAfter: ts("sessions_valid_after"),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const accounts = pgTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (t) => [
    primaryKey({ columns: [t.provider, t.providerAccountId] }),
    index("accounts_user_id_idx").on(t.userId),
  ],
);

// Unused with JWT sessions, but the adapter's contract includes it.
export const sessions = pgTable("sessions", {
  sessionToken: text("session_token").primaryKey(),
  userId: text("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expires: ts("expires").notNull(),
});

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: ts("expires").notNull(),
  },
  (t) => [primaryKey({ columns: [t.identifier, t.token] })],
);

// ---- Chats: table names kept from the Django service ----

export const chats = pgTable(
  "chats_chat",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    // A visitor who has not signed up owns chats through the id in their guest cookie.
    guestId: uuid("guest_id"),
    title: varchar("title", { length: 200 }).notNull().default("New chat"),
    // Set once the user names the chat: automatic titles never overwrite theirs.
    titleIsCustom: boolean("title_is_custom").notNull().default(false),
    shareId: varchar("share_id", { length: 32 }).notNull(),
    isShared: boolean("is_shared").notNull().default(false),
    isDiscoverable: boolean("is_discoverable").notNull().default(false),
    // When the chat was last made public: the share page says so.
    sharedAt: ts("shared_at"),
    // The share link stops working at this moment (410 gone); null: it never expires.
    // Kept while unshared, and reset when the chat is shared anew without an expiry.
    shareExpiresAt: ts("share_expires_at"),
    // "live": the link shows the chat as it is; "snapshot": as it was when the owner took
    // the snapshot (chats_share_snapshot), which snapshot_at dates. Kept while unshared.
    shareMode: varchar("share_mode", { length: 16, enum: ["live", "snapshot"] })
      .notNull()
      .default("live"),
    snapshotAt: ts("snapshot_at"),
    // Pinned chats head the owner's sidebar; archived ones leave the default list (and
    // keep their share link). Only this app's own clients set them.
    isPinned: boolean("is_pinned").notNull().default(false),
    isArchived: boolean("is_archived").notNull().default(false),
    // A branch (Branch in new chat): the chat it was copied from, and its own last copied
    // message, after which it went its own way. No foreign key: the original may be
    // deleted (the branch then says so), and deleting a chat must not look for branches.
    branchedFromId: uuid("branched_from_id"),
    branchedAfterId: uuid("branched_after_id"),
    // Kept by every message write in the same transaction, so listing reads no messages.
    messageCount: integer("message_count").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("chats_chat_share_id_key").on(t.shareId),
    // The list is either the archived chats or the others: is_archived leads the keyset
    // so that each is one index seek, however many chats the other holds.
    index("chats_chat_user_updated_idx").on(
      t.userId,
      t.isArchived,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index("chats_chat_guest_updated_idx").on(
      t.guestId,
      t.isArchived,
      t.updatedAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    // Few chats are pinned or shared: partial indexes find those lists without walking
    // every chat of the owner.
    index("chats_chat_user_pinned_idx")
      .on(t.userId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isPinned}`),
    index("chats_chat_guest_pinned_idx")
      .on(t.guestId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isPinned}`),
    index("chats_chat_user_shared_idx")
      .on(t.userId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isShared}`),
    index("chats_chat_guest_shared_idx")
      .on(t.guestId, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.isShared}`),
    // The sitemap lists discoverable chats by id; few chats are, so a partial index.
    index("chats_chat_discoverable_idx").on(t.id).where(sql`${t.isShared} and ${t.isDiscoverable}`),
    // Search (db/queries/chat-search.ts) matches titles through this index's expression.
    index("chats_chat_title_search_idx").using("gin", sql`to_tsvector('english', ${t.title})`),
    check("chats_chat_one_owner", sql`num_nonnulls(${t.userId}, ${t.guestId}) = 1`),
    // Only accounts publish to search engines: a guest's chat is never indexable.
    check(
      "chats_chat_discoverable_needs_account",
      sql`not ${t.isDiscoverable} or ${t.userId} is not null`,
    ),
    check("chats_chat_share_mode_check", sql`${t.shareMode} in ('live', 'snapshot')`),
    // A snapshot link always has its snapshot's time, a live one none.
    check(
      "chats_chat_snapshot_at_check",
      sql`(${t.shareMode} = 'snapshot') = (${t.snapshotAt} is not null)`,
    ),
  ],
);

/** A message as a snapshot keeps it: what the public view shows, already redacted. */
export type SnapshotMessage = {
  id: string;
  message_type: "user" | "assistant";
  content: string;
  is_error: boolean;
  created_at: string;
};

/** A range of the title (message_id null) or of a message, in UTF-16 code units. */
export type SnapshotRange = { message_id: string | null; start: number; end: number };

/**
 * What a snapshot link shows: the chat's title and messages as they were when the owner
 * took it, with the chosen findings redacted. A table of its own, so that reading chats
 * never carries it. One per chat, replaced by each new snapshot, dropped when the link
 * goes live, deleted with the chat.
 */
export const shareSnapshots = pgTable("chats_share_snapshot", {
  chatId: uuid("chat_id")
    .primaryKey()
    .references(() => chats.id, { onDelete: "cascade" }),
  // text: a redacted title may be longer than the chat's 200 characters.
  title: text("title").notNull(),
  messages: jsonb("messages").$type<SnapshotMessage[]>().notNull(),
  // The owner's choice ("all" findings, or these), re-applied when the snapshot is retaken.
  redact: jsonb("redact").$type<"all" | SnapshotRange[]>().notNull(),
  // The ranges actually hidden in this snapshot (what the privacy check marks redacted).
  redactedRanges: jsonb("redacted_ranges").$type<SnapshotRange[]>().notNull(),
  takenAt: ts("taken_at").notNull(),
});

export const messages = pgTable(
  "chats_chatmessage",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    chatId: uuid("chat_id")
      .notNull()
      .references(() => chats.id, { onDelete: "cascade" }),
    messageType: varchar("message_type", { length: 16, enum: ["user", "assistant"] }).notNull(),
    content: text("content").notNull(),
    isError: boolean("is_error").notNull().default(false),
    createdAt: ts("created_at").notNull().defaultNow(),
    // Messages saved in one batch share created_at; seq keeps their conversation order
    // (a random uuid cannot).
    seq: bigint("seq", { mode: "number" }).notNull().generatedAlwaysAsIdentity(),
    // The chat's owner, as one search lexeme (db/queries/chat-search.ts): md5 of "u" and
    // the user id, or "g" and the guest id. Set by every message write, and moved with
    // a guest's chats when they sign in.
    ownerKey: text("owner_key"),
  },
  (t) => [
    index("chats_chatmessage_chat_order_idx").on(t.chatId, t.createdAt, t.seq),
    // An expression, not a stored tsvector column: reads that select a message whole
    // would carry the vector too. The owner's lexeme is in it, so that a search reads
    // from the table only the owner's matching messages, not everyone's.
    index("chats_chatmessage_search_idx").using(
      "gin",
      sql`(to_tsvector('english', ${t.content}) || array_to_tsvector(array[coalesce(${t.ownerKey}, '-')]))`,
    ),
    check("chats_chatmessage_type_check", sql`${t.messageType} in ('user', 'assistant')`),
  ],
);

// ---- Cache tag expiry, shared by every app instance on one PostgreSQL ----

// One row per tag: the latest expiry is all that matters, so an expiry upserts its tag
// and takes a new seq. Every instance reads the rows past the last seq it saw before
// serving a cached page, so revocation holds on all of them at the next request; rows
// older than any cache entry can be are pruned. See docs/caching.md.
export const cacheTagEventsSeq = pgSequence("cache_tag_events_seq");

export const cacheTagEvents = pgTable(
  "cache_tag_events",
  {
    tag: text("tag").primaryKey(),
    seq: bigint("seq", { mode: "number" }).notNull().default(sql`nextval('cache_tag_events_seq')`),
    expiredAt: ts("expired_at").notNull().defaultNow(),
  },
  (t) => [
    index("cache_tag_events_seq_idx").on(t.seq),
    index("cache_tag_events_expired_at_idx").on(t.expiredAt),
  ],
);

// ---- Rate limits and quotas (rate-limiter-flexible's Drizzle store) ----

// One row per limited key (e.g. "signin-account:<email>"), shared by every instance
// when DATABASE_URL is set. Expired rows are deleted by the limiter and by the pruner.
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    points: integer("points").notNull(),
    expire: ts("expire"),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);

export type User = typeof users.$inferSelect;
export type Chat = typeof chats.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type ShareSnapshot = typeof shareSnapshots.$inferSelect;
