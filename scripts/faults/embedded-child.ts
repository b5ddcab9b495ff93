// The child processes of scripts/faults/embedded-db.ts, on the embedded database in
// DATA_DIR (DATABASE_URL unset):
//   write: opens it, then writes messages with client-chosen ids to a few chats, several
//          transactions at a time, for ever; prints `ack <id>` once its transaction has
//          committed. The parent kills it with SIGKILL.
//   check: opens it again (taking over the dead writer's lock), prints `state <json>`
//          (chats with their counts, every message id, duplicated contents), makes one
//          more write to show the database still takes them, and closes it.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { closeDb, getDb } from "@/db/client";
import { appendMessages, createChatWithMessages } from "@/db/queries/chats";
import { chats, messages } from "@/db/schema";

const CHATS = 4;
const mode = process.argv[2];

if (mode === "write") await write();
else if (mode === "check") await check();
else throw new Error(`usage: embedded-child.ts write|check (got ${mode})`);

async function write() {
  await getDb();
  const owner = { guestId: randomUUID() };
  const chatIds: string[] = [];
  for (let i = 0; i < CHATS; i++) {
    chatIds.push((await createChatWithMessages({ owner })).chat.id);
  }
  process.stdout.write("ready\n");
  let sent = 0;
  // One chain per chat, all at once: PGlite runs them one after another, so there is
  // always a transaction under way (and others queued) when the kill comes.
  await Promise.all(
    chatIds.map(async (chatId) => {
      for (;;) {
        // Batches of 1–3, as a client saving a turn (its message, then the reply) would.
        const batch = Array.from({ length: 1 + (sent % 3) }, () => ({
          id: randomUUID(),
          messageType: "user" as const,
          content: `message ${++sent} ${"x".repeat(200)}`,
        }));
        const saved = await appendMessages({ chatId, owner, messages: batch });
        if (!saved) throw new Error(`chat ${chatId} vanished`);
        // Only now, after the commit: an id printed here is an acknowledged write.
        process.stdout.write(batch.map((m) => `ack ${m.id}\n`).join(""));
      }
    }),
  );
}

async function check() {
  const db = await getDb();
  const chatRows = await db.select({ id: chats.id, messageCount: chats.messageCount }).from(chats);
  const stored = await db
    .select({ chatId: messages.chatId, n: sql<number>`count(*)::int` })
    .from(messages)
    .groupBy(messages.chatId);
  const storedBy = new Map(stored.map((r) => [r.chatId, r.n]));
  const ids = await db.select({ id: messages.id }).from(messages);
  const duplicates = await db.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select chat_id, content from chats_chatmessage group by 1, 2 having count(*) > 1
    ) d`);
  const [duplicateRow] = "rows" in duplicates ? (duplicates.rows as { n: number }[]) : [];
  // The database takes writes again: a chat and a message, then they are read back.
  const owner = { guestId: randomUUID() };
  const { chat } = await createChatWithMessages({
    owner,
    messages: [{ messageType: "user", content: "written after the kill" }],
  });
  const writableAfter = chat.messageCount === 1;
  const state = {
    chats: chatRows.map((c) => ({ ...c, stored: storedBy.get(c.id) ?? 0 })),
    messageIds: ids.map((r) => r.id),
    duplicateContents: duplicateRow?.n ?? 0,
    writableAfter,
  };
  process.stdout.write(`state ${JSON.stringify(state)}\n`);
  await closeDb();
}
