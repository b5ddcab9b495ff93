import type { ExportChatRow, ExportMessageRow } from "@/db/queries/chats";
import {
  EXPORT_VERSION,
  type ExportChatOut,
  type ExportDocumentOut,
  type ExportHeaderOut,
} from "@/lib/validation/chat";
import { toMessageOut } from "./serialize";

// The shapes an export is written in (docs/api.md, "Exports"): an importer reads a JSON
// export and an NDJSON one with the same code, so both are built from these.

export function exportHeader(exportedAt: Date): ExportHeaderOut {
  return {
    type: "skillmate.export",
    version: EXPORT_VERSION,
    exported_at: exportedAt.toISOString(),
  };
}

export function toExportChat(chat: ExportChatRow, messages: ExportMessageRow[]): ExportChatOut {
  return {
    type: "chat",
    id: chat.id,
    title: chat.title,
    created_at: chat.createdAt.toISOString(),
    updated_at: chat.updatedAt.toISOString(),
    is_pinned: chat.isPinned,
    is_archived: chat.isArchived,
    messages: messages.map(toMessageOut),
  };
}

/** One chat as a JSON export: the NDJSON header's fields, and the chat as its one item. */
export function toExportDocument(
  chat: ExportChatRow,
  messages: ExportMessageRow[],
  exportedAt: Date,
): ExportDocumentOut {
  return { ...exportHeader(exportedAt), chats: [toExportChat(chat, messages)] };
}
