import "server-only";
import { listChatsWithMessagesByOwner, type Owner } from "@/db/queries/chats";
import type { ChatCursor } from "./cursor";
import { exportHeader, toExportChat } from "./export-json";

export type ExportStreamOptions = {
  /** Chats read per batch (one keyset seek and one messages query each). */
  batchSize?: number;
  /** A batch stops early once its chats hold this many messages (never below one chat). */
  messageBudget?: number;
  exportedAt?: Date;
};

export const EXPORT_BATCH_SIZE = 100;
export const EXPORT_MESSAGE_BUDGET = 2_000;

const encoder = new TextEncoder();
const line = (value: unknown) => `${JSON.stringify(value)}\n`;

/**
 * Every chat of the owner, with its messages, as NDJSON (docs/api.md, "Exports"): a
 * header line, one line per chat, and an end line that says the file is whole.
 *
 * Memory stays at one batch whatever the number of chats: a batch is read only when the
 * stream's reader asks for more (pull), so a slow download holds the database back
 * rather than filling the process. The first batch is read before the stream is
 * returned, so that a database that is down is still a JSON 503, not a cut-off file.
 *
 * Chats go least recently updated first, those in the list and then the archived: a
 * chat that gets a message while the export runs moves ahead of the cursor, never
 * behind it, so it is not missed. It may then appear twice, and its later line is the
 * newer one. (One archived or unarchived meanwhile may be missed or appear twice.)
 */
export async function accountExportStream(
  owner: Owner | null,
  {
    batchSize = EXPORT_BATCH_SIZE,
    messageBudget = EXPORT_MESSAGE_BUDGET,
    exportedAt = new Date(),
  }: ExportStreamOptions = {},
): Promise<ReadableStream<Uint8Array>> {
  let cursor: ChatCursor | undefined;
  // The chats in the list first, then the archived ones: each pass one index seek per
  // batch (the owner's index leads with is_archived).
  let archived = false;
  let done = owner === null;
  let chatCount = 0;
  let messageCount = 0;

  async function nextBatch(): Promise<string> {
    if (!owner || done) return "";
    const page = await listChatsWithMessagesByOwner({
      owner,
      limit: batchSize,
      archived,
      after: cursor,
      messageBudget,
    });
    const last = page.chats.at(-1)?.chat;
    if (last) cursor = { updatedAt: last.updatedAt, id: last.id };
    if (!page.hasMore && !archived) {
      archived = true;
      cursor = undefined;
    } else done = !page.hasMore;
    chatCount += page.chats.length;
    let text = "";
    for (const { chat, messages } of page.chats) {
      messageCount += messages.length;
      text += line(toExportChat(chat, messages));
    }
    return text;
  }

  const first = line(exportHeader(exportedAt)) + (await nextBatch());
  let started = false;
  let ended = false;

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = started ? await nextBatch() : first;
        started = true;
        if (done && !ended) {
          ended = true;
          text += line({ type: "end", chats: chatCount, messages: messageCount });
        }
        if (text) controller.enqueue(encoder.encode(text));
        if (ended) controller.close();
      },
    },
    // One chunk (a batch) queued at most: the next is read when the reader takes it.
    { highWaterMark: 1 },
  );
}
