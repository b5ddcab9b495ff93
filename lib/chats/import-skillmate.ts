import type { z } from "zod";
import {
  type ExportChatOut,
  exportChatSchema,
  exportEndSchema,
  exportHeaderSchema,
} from "@/lib/validation/chat";
import { type ImportedChat, malformed, shortTitle } from "./import-source";
import { jsonValuesAt } from "./json-stream";

// This app's own exports (docs/api.md, "Exports"): the account's NDJSON file, and the
// one-chat JSON document, which carries the same header fields and chat objects.

const decoder = () => new TextDecoder("utf-8", { fatal: true });

/** The NDJSON export's lines, one at a time, as they are read. */
async function* lines(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const utf8 = decoder();
  let pending = "";
  for await (const chunk of bytes) {
    // Only the new text can hold the next newline: a long line is not searched again
    // for each chunk it spans.
    let from = pending.length;
    pending += decodeOrThrow(utf8, chunk, true);
    let start = 0;
    for (let newline = pending.indexOf("\n", from); newline >= 0; ) {
      yield pending.slice(start, newline);
      start = newline + 1;
      from = start;
      newline = pending.indexOf("\n", from);
    }
    pending = pending.slice(start);
  }
  pending += decodeOrThrow(utf8, undefined, false);
  if (pending !== "") yield pending;
}

function decodeOrThrow(utf8: TextDecoder, chunk: Uint8Array | undefined, stream: boolean) {
  try {
    return utf8.decode(chunk, { stream });
  } catch {
    throw malformed("", "the file is not UTF-8 text");
  }
}

/**
 * The chats of an NDJSON export. The header must come first and the end line last (a
 * file without it was cut short); lines of types this version does not know are
 * skipped, as the format asks of readers.
 */
export async function* ndjsonExportChats(
  bytes: AsyncIterable<Uint8Array>,
): AsyncGenerator<ImportedChat> {
  let number = 0;
  let ended = false;
  for await (const text of lines(bytes)) {
    number += 1;
    if (text.trim() === "") continue;
    const where = `line ${number}`;
    if (ended) throw malformed(where, `${where}: nothing may follow the end line`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw malformed(where, `${where} is not valid JSON (${(error as Error).message})`);
    }
    const type = (value as { type?: unknown } | null)?.type;
    if (number === 1) {
      parseOrThrow(exportHeaderSchema, value, where, "is not a SkillMate export header");
      continue;
    }
    if (type === "chat") {
      const chat = parseOrThrow(exportChatSchema, value, where, "is not a chat");
      yield fromExportChat(chat);
    } else if (type === "end") {
      parseOrThrow(exportEndSchema, value, where, "is not an end line");
      ended = true;
    }
  }
  if (number === 0) throw malformed("", "the file is empty");
  if (!ended) throw malformed("", "the file has no end line: it was cut short");
}

/** The chats of a one-chat JSON export (`{"type": "skillmate.export", …, "chats": […]}`). */
export async function* jsonExportChats(
  bytes: AsyncIterable<Uint8Array>,
): AsyncGenerator<ImportedChat> {
  const header: Record<string, unknown> = {};
  // Not "$.chats" itself: that would hold every chat in memory at once.
  for await (const { key, value, inArray } of jsonValuesAt(bytes, [
    "$.type",
    "$.version",
    "$.exported_at",
    "$.chats.*",
  ])) {
    if (typeof key === "number" && inArray) {
      // The header comes first in every export this app writes: checked before any chat.
      if (key === 0) parseOrThrow(exportHeaderSchema, header, "", "is not a SkillMate export");
      const chat = parseOrThrow(exportChatSchema, value, `chats[${key}]`, "is not a chat");
      yield fromExportChat(chat);
    } else if (
      typeof key === "string" &&
      ["type", "version", "exported_at"].includes(key) &&
      !inArray &&
      !(key in header)
    ) {
      header[key] = value;
    } else {
      throw malformed("chats", "chats is not an array");
    }
  }
  parseOrThrow(exportHeaderSchema, header, "", "is not a SkillMate export");
}

function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.length ? ` (${issue.path.join(".")}: ${issue.message})` : "";
  const title = shortTitle((value as { title?: unknown } | null)?.title);
  const named = `${where || "the file"}${title ? ` (“${title}”)` : ""}`;
  throw malformed(where, `${named} ${what}${field}`);
}

function fromExportChat(chat: ExportChatOut): ImportedChat {
  return {
    sourceId: chat.id,
    title: chat.title.trim() || null,
    createdAt: new Date(chat.created_at),
    updatedAt: new Date(chat.updated_at),
    isPinned: chat.is_pinned,
    isArchived: chat.is_archived,
    messages: chat.messages.map((m) => ({
      sourceId: m.id,
      messageType: m.message_type,
      content: m.content,
      isError: m.is_error,
      createdAt: new Date(m.created_at),
    })),
    leftOut: 0,
  };
}
