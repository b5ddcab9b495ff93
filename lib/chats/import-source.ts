import { createHash } from "node:crypto";
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

/**
 * RFC 9562 UUID version 5 (SHA-1 of a namespace and a name): the same file imported
 * again names the same rows, which is what makes an import idempotent.
 */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash("sha1")
    .update(Buffer.from(namespace.replaceAll("-", ""), "hex"))
    .update(name, "utf8")
    .digest()
    .subarray(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A title for display in errors and in the skipped list. */
export function shortTitle(title: unknown): string | null {
  if (typeof title !== "string" || title.trim() === "") return null;
  const flat = title.replace(/\s+/g, " ").trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
