import { describe, expect, test } from "vitest";
import type { ExportChatRow, ExportMessageRow } from "@/db/queries/chats";
import {
  asciiSlug,
  attachmentDisposition,
  exportDate,
  unicodeSlug,
} from "@/lib/chats/export-filename";
import { chatToMarkdown, markdownTime } from "@/lib/chats/export-markdown";

const at = new Date("2026-12-01T09:30:05.123Z");

describe("export file names", () => {
  test.each([
    ["Learning Rust", "learning-rust", "learning-rust"],
    ["Café ☕ notes: Rust/Go", "cafe-notes-rust-go", "café-notes-rust-go"],
    ["  --Hello,   World!--  ", "hello-world", "hello-world"],
    ["Привет мир", "", "привет-мир"],
    ["日本語のチャット 2", "2", "日本語のチャット-2"],
    ["Straße Ærø Łódź", "strasse-aero-lodz", "straße-ærø-łódź"],
    ["…", "", ""],
    ["../../etc/passwd", "etc-passwd", "etc-passwd"],
    ['a "quoted"; filename=x', "a-quoted-filename-x", "a-quoted-filename-x"],
  ])("%j slugs as %j (ASCII) and %j (Unicode)", (title, ascii, unicode) => {
    expect(asciiSlug(title)).toBe(ascii);
    expect(unicodeSlug(title)).toBe(unicode);
  });

  test("a long title is cut at a word boundary, to at most 60 characters", () => {
    const title = "how to learn the rust programming language quickly and well without burning out";
    const slug = asciiSlug(title);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(title.replaceAll(" ", "-").startsWith(slug)).toBe(true);
    expect(slug.endsWith("-")).toBe(false);
    expect(asciiSlug("x".repeat(100))).toBe("x".repeat(60));
  });

  test("Content-Disposition: an ASCII filename and an RFC 5987 filename*", () => {
    expect(exportDate(at)).toBe("2026-12-01");
    expect(attachmentDisposition({ title: "Learning Rust", date: at, extension: "md" })).toBe(
      `attachment; filename="learning-rust-2026-12-01.md"; filename*=UTF-8''learning-rust-2026-12-01.md`,
    );
    expect(attachmentDisposition({ title: "Привет", date: at, extension: "json" })).toBe(
      `attachment; filename="chat-2026-12-01.json"; filename*=UTF-8''%D0%BF%D1%80%D0%B8%D0%B2%D0%B5%D1%82-2026-12-01.json`,
    );
    // Whatever the title, the header is one line of safe characters.
    for (const title of ['"; evil\r\nX-Header: 1', "'()*!~", "\u0000\u202e"]) {
      const header = attachmentDisposition({ title, date: at, extension: "md" });
      expect(header).toMatch(
        /^attachment; filename="[a-z0-9.-]+"; filename\*=UTF-8''[A-Za-z0-9%._~-]+$/,
      );
    }
  });
});

describe("chatToMarkdown", () => {
  const chat: ExportChatRow = {
    id: crypto.randomUUID(),
    title: "Learning\nRust ",
    createdAt: new Date("2026-11-30T10:00:00.000Z"),
    updatedAt: new Date("2026-11-30T10:05:00.000Z"),
    isPinned: false,
    isArchived: false,
    messageCount: 3,
  };
  const message = (
    messageType: "user" | "assistant",
    content: string,
    isError = false,
  ): ExportMessageRow => ({
    id: crypto.randomUUID(),
    chatId: chat.id,
    messageType,
    content,
    isError,
    createdAt: new Date("2026-11-30T10:01:02.999Z"),
  });

  test("the title as heading, each message under its role and time, contents verbatim", () => {
    const contents = [
      "How do I *start*?\n\n---\n# not a heading of ours",
      "  Read **the book**.\n",
    ];
    const markdown = chatToMarkdown(
      chat,
      [
        message("user", contents[0] as string),
        message("assistant", contents[1] as string),
        message("assistant", "Something failed.", true),
      ],
      at,
    );
    const blocks = [
      "# Learning Rust",
      "_Exported from SkillMate Chats on 2026-12-01 09:30:05 UTC. Created 2026-11-30 10:00:00 UTC, last updated 2026-11-30 10:05:00 UTC; 3 messages._",
      "---",
      "## User · 2026-11-30 10:01:02 UTC",
      contents[0],
      "---",
      "## Assistant · 2026-11-30 10:01:02 UTC",
      contents[1],
      "---",
      "## Assistant (error) · 2026-11-30 10:01:02 UTC",
      "Something failed.",
    ];
    expect(markdown).toBe(`${blocks.join("\n\n")}\n`);
  });

  test("a chat with no messages is its heading and its dates", () => {
    const markdown = chatToMarkdown({ ...chat, title: "Empty", messageCount: 0 }, [], at);
    expect(markdown.split("\n\n")).toHaveLength(2);
    expect(markdown).toContain("; 0 messages._");
    expect(markdownTime(at)).toBe("2026-12-01 09:30:05 UTC");
  });
});
