import { describe, expect, test } from "vitest";
import { spoolBody } from "@/lib/chats/import-body";
import { importReaderFor } from "@/lib/chats/import-format";
import { jsonExportChats, ndjsonExportChats } from "@/lib/chats/import-skillmate";
import type { ImportedChat } from "@/lib/chats/import-source";
import { uuidV5 } from "@/lib/chats/uuid-v5";
import type { AppError } from "@/lib/errors";

// This app's own exports read back (docs/api.md, "Exports"), the format told from the
// first bytes, the derived ids, and the upload's byte count.

const header = { type: "skillmate.export", version: 1, exported_at: "2026-12-01T09:30:05.123Z" };
const chat = (id: string, title: string, contents: string[]) => ({
  type: "chat",
  id,
  title,
  created_at: "2026-11-30T10:00:00.000Z",
  updated_at: "2026-11-30T10:05:00.000Z",
  messages: contents.map((content, i) => ({
    id: `00000000-0000-4000-8000-00000000000${i}`,
    message_type: i % 2 === 0 ? "user" : "assistant",
    content,
    is_error: false,
    created_at: `2026-11-30T10:0${i}:00.000Z`,
  })),
});
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const ndjson = (lines: unknown[]) => `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`;

async function* chunks(text: string, size = 5): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text);
  for (let start = 0; start < bytes.length; start += size)
    yield bytes.subarray(start, start + size);
}

async function all(chats: AsyncIterable<ImportedChat>) {
  const out: ImportedChat[] = [];
  for await (const c of chats) out.push(c);
  return out;
}

async function refusal(chats: AsyncIterable<ImportedChat>): Promise<string> {
  try {
    await all(chats);
  } catch (error) {
    expect((error as AppError).code).toBe("validation_error");
    return (error as AppError).message;
  }
  throw new Error("expected a refusal");
}

describe("ndjsonExportChats", () => {
  test("reads each chat line, skipping line types it does not know", async () => {
    const text = ndjson([
      header,
      chat(A, "Première", ["héllo 👋", "hi"]),
      { type: "future-thing", x: 1 },
      chat(B, "Second", ["one"]),
      { type: "end", chats: 2, messages: 3 },
    ]);
    const chats = await all(ndjsonExportChats(chunks(text, 3)));
    expect(chats.map((c) => [c.sourceId, c.title, c.messages.map((m) => m.content)])).toEqual([
      [A, "Première", ["héllo 👋", "hi"]],
      [B, "Second", ["one"]],
    ]);
    expect(chats[0]?.messages[1]).toMatchObject({ messageType: "assistant", isError: false });
    expect(chats[0]?.createdAt).toEqual(new Date("2026-11-30T10:00:00.000Z"));
  });

  test.each([
    ["empty", "", /the file is empty/],
    [
      "no header",
      ndjson([chat(A, "x", ["a"]), { type: "end", chats: 1, messages: 1 }]),
      /line 1 .*header/,
    ],
    [
      "cut short (no end line)",
      ndjson([header, chat(A, "x", ["a"])]),
      /no end line: it was cut short/,
    ],
    [
      "a line that is not JSON",
      `${JSON.stringify(header)}\n{"type": "chat", "id"\n`,
      /line 2 is not valid JSON/,
    ],
    [
      "a chat of the wrong shape in the middle",
      ndjson([
        header,
        chat(A, "Good", ["a"]),
        { ...chat(B, "Bad one", ["b"]), messages: "no" },
        { type: "end", chats: 2, messages: 2 },
      ]),
      /line 3 \(“Bad one”\) is not a chat \(messages:/,
    ],
    [
      "text after the end line",
      `${ndjson([header, { type: "end", chats: 0, messages: 0 }])}{}\n`,
      /line 3: nothing may follow the end line/,
    ],
  ])("refuses %s", async (_name, text, message) => {
    expect(await refusal(ndjsonExportChats(chunks(text)))).toMatch(message);
  });
});

describe("jsonExportChats", () => {
  test("reads the one-chat JSON export, pretty-printed or not", async () => {
    const doc = { ...header, chats: [chat(A, "Only", ["q", "a"])] };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      const chats = await all(jsonExportChats(chunks(text, 4)));
      expect(chats.map((c) => c.messages.length)).toEqual([2]);
    }
  });

  test.each([
    [
      "a wrong header",
      JSON.stringify({ ...header, type: "other", chats: [] }),
      /is not a SkillMate export/,
    ],
    ["chats not an array", JSON.stringify({ ...header, chats: { a: 1 } }), /chats is not an array/],
    [
      "a bad chat",
      JSON.stringify({ ...header, chats: [{ type: "chat" }] }),
      /chats\[0\] is not a chat/,
    ],
    ["trailing junk", `${JSON.stringify({ ...header, chats: [] })} x`, /not valid JSON/],
  ])("refuses %s", async (_name, text, message) => {
    expect(await refusal(jsonExportChats(chunks(text)))).toMatch(message);
  });
});

describe("importReaderFor", () => {
  const head = (text: string) => Buffer.from(text);
  test.each([
    ["application/json", '  [{"id": 1}]', "chatgpt"],
    [null, "\uFEFF[]", "chatgpt"],
    ["application/x-ndjson", '{"type": "skillmate.export"}', "ndjson"],
    ["application/json", `${JSON.stringify(header)}\n{"type":"chat"`, "ndjson"],
    ["application/json", JSON.stringify({ ...header, chats: [] }), "json-export"],
    ["application/json", '{\n  "type": "skillmate.export",\n', "json-export"],
  ])("%s %j is read as %s", (type, text, reader) => {
    expect(importReaderFor(type, head(text))).toBe(reader);
  });

  test.each([
    ["", /empty/],
    ["   \n", /empty/],
    ["<html>", /neither ChatGPT's conversations.json/],
  ])("refuses %j", (text, message) => {
    expect(() => importReaderFor("application/json", head(text))).toThrow(message);
  });
});

test("uuidV5 matches RFC 9562's example", () => {
  // The DNS namespace and "www.example.com", as in the RFC's test vectors.
  expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
    "2ed6657d-e927-568b-95e1-2665a8aea6a2",
  );
});

describe("spoolBody", () => {
  const request = (body: string, headers: Record<string, string> = {}) =>
    new Request("http://localhost/api/chats/import/", { method: "POST", body, headers });

  test("keeps the whole body and its head, and reads it back", async () => {
    const spooled = await spoolBody(request("x".repeat(100_000)), 200_000);
    try {
      expect(spooled.size).toBe(100_000);
      expect(spooled.head.length).toBe(64 * 1024);
      let read = 0;
      for await (const chunk of spooled.open()) read += chunk.byteLength;
      expect(read).toBe(100_000);
    } finally {
      await spooled.dispose();
    }
  });

  test("413 past the limit, counted as it streams whatever Content-Length says", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(1000));
        controller.close();
      },
    });
    const lying = new Request("http://localhost/api/chats/import/", {
      method: "POST",
      body: stream,
      headers: { "content-length": "10" },
      duplex: "half",
    } as RequestInit);
    await expect(spoolBody(lying, 5000)).rejects.toMatchObject({ code: "payload_too_large" });
    await expect(spoolBody(request("x", { "content-length": "6000" }), 5000)).rejects.toMatchObject(
      { code: "payload_too_large" },
    );
  });
});
