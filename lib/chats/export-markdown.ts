import type { ExportChatRow, ExportMessageRow } from "@/db/queries/chats";

const ROLE = { user: "User", assistant: "Assistant" } as const;

/** `2026-12-01 09:30:05 UTC`: readable, and still unambiguous across time zones. */
export function markdownTime(date: Date): string {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}

/**
 * A chat as a Markdown document: the title as its heading, then each message under a
 * heading with its role and time. Contents are written verbatim (they are Markdown
 * already, as the chat page renders them), so the file reads as the chat did.
 */
export function chatToMarkdown(
  chat: ExportChatRow,
  messages: ExportMessageRow[],
  exportedAt: Date,
): string {
  // A title is one line in the app; a stray newline must not end the heading early.
  const title = chat.title.replace(/\s+/g, " ").trim() || "Untitled chat";
  const count = `${messages.length} message${messages.length === 1 ? "" : "s"}`;
  const parts = [
    `# ${title}`,
    `_Exported from SkillMate Chats on ${markdownTime(exportedAt)}. Created ${markdownTime(chat.createdAt)}, last updated ${markdownTime(chat.updatedAt)}; ${count}._`,
  ];
  for (const message of messages) {
    const error = message.isError ? " (error)" : "";
    parts.push(
      "---",
      `## ${ROLE[message.messageType]}${error} · ${markdownTime(message.createdAt)}`,
      message.content,
    );
  }
  return `${parts.join("\n\n")}\n`;
}
