import { AppError } from "@/lib/errors";
import type { ImportFormat } from "@/lib/validation/import";

// What both importers turn a file into, one conversation at a time, before anything is
// stored: the same shape whatever the source, so one writer stores both.

export type ImportedMessage = {
  /** The node or message id in the file: the stored id is derived from it. */
  sourceId: string;
  messageType: "user" | "assistant";
  content: string;
  isError: boolean;
  createdAt: Date;
};

export type ImportedChat = {
  /** The conversation's id in the file: the stored chat's id is derived from it. */
  sourceId: string;
  /** null: the file has none, and the chat is titled from its first message. */
  title: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Where the chat sat in the exporting account's list; a new chat is stored so. */
  isPinned: boolean;
  isArchived: boolean;
  messages: ImportedMessage[];
  /** Messages of the file left out (system, tool, hidden, not text, other branches). */
  leftOut: number;
};

export type ImportedFile = { format: ImportFormat; chats: AsyncIterable<ImportedChat> };

/** A file that cannot be imported: a 400 that says where and what. */
export function malformed(path: string, message: string): AppError {
  return new AppError("validation_error", `The file cannot be imported: ${message}.`, {
    issues: [{ path, message }],
  });
}

/** A title for display in errors and in the skipped list. */
export function shortTitle(title: unknown): string | null {
  if (typeof title !== "string" || title.trim() === "") return null;
  const flat = title.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
