import "server-only";
import { type ImportChatRow, importChatsForOwner } from "@/db/queries/chat-import";
import type { Owner } from "@/db/queries/chats";
import { TITLE_MAX } from "@/lib/validation/chat";
import type { ImportResultOut } from "@/lib/validation/import";
import { chatgptConversations } from "./import-chatgpt";
import type { ImportReader } from "./import-format";
import { jsonExportChats, ndjsonExportChats } from "./import-skillmate";
import { type ImportedChat, shortTitle } from "./import-source";
import { DEFAULT_TITLE, titleFromMessage } from "./title";
import { uuidV5 } from "./uuid-v5";

// The namespace of every id an import derives (a UUID of its own, so that no other
// scheme's version 5 ids can equal these).
const IMPORT_NAMESPACE = "2b9c1d5e-5f0b-4b8e-9a4c-6f1e3d7a2c90";

/** The owner's part of a chat id: the same file imported by two owners makes two chats. */
const ownerName = (owner: Owner) =>
  "userId" in owner ? `user:${owner.userId}` : `guest:${owner.guestId}`;

/** Chat id: the owner and the conversation; message id: the chat and the message. */
export function importedChatId(owner: Owner, reader: ImportReader, sourceId: string): string {
  const source = reader === "chatgpt" ? "chatgpt" : "skillmate";
  return uuidV5(`${ownerName(owner)}\n${source}\n${sourceId}`, IMPORT_NAMESPACE);
}

export function importedMessageId(chatId: string, sourceId: string): string {
  return uuidV5(sourceId, chatId);
}

/** A file's bytes without a UTF-8 byte order mark, which JSON does not allow. */
async function* withoutBom(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const chunk of bytes) {
    if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      yield chunk.subarray(3);
    } else yield chunk;
    first = false;
  }
}

function readerOf(reader: ImportReader, bytes: AsyncIterable<Uint8Array>) {
  const clean = withoutBom(bytes);
  if (reader === "chatgpt") return chatgptConversations(clean);
  if (reader === "ndjson") return ndjsonExportChats(clean);
  return jsonExportChats(clean);
}

/**
 * Reads the whole file as the import will, storing nothing: a malformed file is refused
 * (the 400 that names the fault) before any transaction opens or a guest is made. About
 * 1 s for 50 MiB; the import then runs only on files that parse.
 */
export async function checkImportFile({
  reader,
  bytes,
}: {
  reader: ImportReader;
  bytes: AsyncIterable<Uint8Array>;
}): Promise<void> {
  for await (const _chat of readerOf(reader, bytes)) {
    // Each conversation is checked as it is read; nothing is kept.
  }
}

function toRow(owner: Owner, reader: ImportReader, chat: ImportedChat): ImportChatRow {
  const id = importedChatId(owner, reader, chat.sourceId);
  const firstUser = chat.messages.find((m) => m.messageType === "user");
  return {
    id,
    title: chat.title
      ? chat.title.slice(0, TITLE_MAX)
      : firstUser
        ? titleFromMessage(firstUser.content)
        : DEFAULT_TITLE,
    // An export's "New chat" is the default title, not one the user chose: the first
    // message a later turn adds may still name the chat.
    titleIsCustom: chat.title !== null && chat.title !== DEFAULT_TITLE,
    createdAt: chat.createdAt,
    updatedAt: chat.updatedAt,
    isPinned: chat.isPinned,
    isArchived: chat.isArchived,
    messages: chat.messages.map((m) => ({
      id: importedMessageId(id, m.sourceId),
      messageType: m.messageType,
      content: m.content,
      isError: m.isError,
      createdAt: m.createdAt,
    })),
  };
}

/**
 * Reads the file one conversation at a time and stores it for the owner, in one
 * transaction (db/queries/chat-import.ts): a file that turns out malformed anywhere,
 * even in its last conversation, leaves nothing stored (checkImportFile refuses those
 * first; the transaction also covers a database error part-way). Answers what was imported and
 * what was skipped, and the share ids of shared chats that got messages.
 */
export async function runImport({
  owner,
  reader,
  bytes,
}: {
  owner: Owner;
  reader: ImportReader;
  bytes: AsyncIterable<Uint8Array>;
}): Promise<{ result: ImportResultOut; changedShareIds: string[] }> {
  const result: ImportResultOut = {
    format: reader === "chatgpt" ? "chatgpt" : "skillmate",
    imported: 0,
    updated: 0,
    skipped: [],
    messages: 0,
    messages_left_out: 0,
  };
  const changedShareIds: string[] = [];
  const sourceIds = new Map<string, ImportedChat>();
  async function* rows(): AsyncGenerator<ImportChatRow> {
    for await (const chat of readerOf(reader, bytes)) {
      result.messages_left_out += chat.leftOut;
      if (chat.messages.length === 0) {
        result.skipped.push({ id: chat.sourceId, title: shortTitle(chat.title), reason: "empty" });
        continue;
      }
      const row = toRow(owner, reader, chat);
      sourceIds.set(row.id, chat);
      yield row;
    }
  }
  await importChatsForOwner({
    owner,
    chats: rows(),
    onOutcome: ({ chat, outcome, inserted, sharedId }) => {
      const source = sourceIds.get(chat.id);
      sourceIds.delete(chat.id);
      result.messages += inserted;
      if (outcome === "created") result.imported += 1;
      else if (outcome === "extended") result.updated += 1;
      else {
        result.skipped.push({
          id: source?.sourceId ?? chat.id,
          title: shortTitle(source?.title ?? chat.title),
          reason: "already_imported",
        });
      }
      if (sharedId) changedShareIds.push(sharedId);
    },
  });
  return { result, changedShareIds };
}
