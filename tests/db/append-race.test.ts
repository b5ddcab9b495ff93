import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { MessageIdTakenError } from "@/db/errors";
import { appendMessages, getOwnedChatWithMessages } from "@/db/queries/chats";
import { signedInUser } from "../helpers/callers";
import { newChat } from "../helpers/chats";

// appendMessages is one statement, which sees the table as it was when it began. An id
// that another chat commits while the statement waits on it is skipped by ON CONFLICT but
// not seen by the statement's own check: the batch must still be refused whole.
const url = process.env.DATABASE_URL;

describe.skipIf(!url)("appending while another chat takes the same id (PostgreSQL)", () => {
  const sql = postgres(url as string, { max: 2, onnotice: () => {} });
  afterAll(() => sql.end());

  test("the id committed meanwhile by another chat is a 409, and nothing of the batch stays", async () => {
    const user = await signedInUser("append-race");
    const owner = { userId: user.userId };
    const mine = await newChat(owner);
    const theirs = await newChat(owner);
    const contested = crypto.randomUUID();
    const fresh = crypto.randomUUID();

    // Another writer inserts the contested id into the other chat and holds its
    // transaction open; the append then waits on that row's unique index entry.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let inserted = () => {};
    const insertedInOther = new Promise<void>((resolve) => {
      inserted = resolve;
    });
    const other = sql.begin(async (tx) => {
      await tx`insert into chats_chatmessage (id, chat_id, message_type, content)
               values (${contested}, ${theirs.id}, 'user', 'theirs')`;
      inserted();
      await held;
    });
    await insertedInOther;
    const append = appendMessages({
      chatId: mine.id,
      owner,
      messages: [
        { id: fresh, messageType: "user", content: "mine, new" },
        { id: contested, messageType: "user", content: "mine, contested" },
      ],
    });
    // Long enough for the append to be waiting on the contested row, then commit it.
    await new Promise((r) => setTimeout(r, 300));
    release();
    await other;

    await expect(append).rejects.toBeInstanceOf(MessageIdTakenError);
    const after = await getOwnedChatWithMessages({ id: mine.id, owner });
    expect(after?.messages).toEqual([]);
    expect(after?.chat.messageCount).toBe(0);
  });
});
