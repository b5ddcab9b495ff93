import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { chatgptConversations, conversationToChat } from "@/lib/chats/import-chatgpt";
import type { ImportedChat } from "@/lib/chats/import-source";
import { AppError } from "@/lib/errors";
import { generatedExport } from "../helpers/chatgpt-export";

// ChatGPT's conversations.json as exports really are: trees of nodes with a null root,
// regenerated branches, system, tool and hidden messages, images among text parts,
// nodes whose parent is missing. One conversation at a time, from a byte stream.

const fixture = readFileSync(
  path.join(import.meta.dirname, "../fixtures/chatgpt-conversations.json"),
);

async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size)
    yield bytes.subarray(start, start + size);
}

async function readAll(bytes: Uint8Array, size = 97): Promise<ImportedChat[]> {
  const out: ImportedChat[] = [];
  for await (const chat of chatgptConversations(chunks(bytes, size))) out.push(chat);
  return out;
}

async function failure(text: string): Promise<AppError> {
  try {
    await readAll(Buffer.from(text), 7);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("validation_error");
    return error as AppError;
  }
  throw new Error("expected the file to be refused");
}

const at = (seconds: number) => new Date(Math.round(seconds * 1000));

describe("chatgptConversations", () => {
  test("reads the fixture in small chunks: the current branch, visible text, times", async () => {
    const chats = await readAll(fixture);
    expect(chats.map((c) => c.sourceId)).toEqual(
      [1, 2, 3, 4, 5].map((n) => `6650a1b2-0000-4000-8000-00000000000${n}`),
    );
    const [branches, tools, orphan, empty, untitled] = chats as [
      ImportedChat,
      ImportedChat,
      ImportedChat,
      ImportedChat,
      ImportedChat,
    ];

    // The regenerated reply the user did not keep is left out; the root and the hidden
    // system message too. Root first.
    expect(branches.title).toBe("Récursivité — explication 🌀");
    expect(branches.messages.map((m) => [m.messageType, m.content])).toEqual([
      ["user", "Explique la récursivité en deux phrases, s'il te plaît 🙏"],
      [
        "assistant",
        "Une fonction récursive s'appelle elle-même.\n\nElle s'arrête sur un cas de base.",
      ],
      ["user", "Et en japonais ? 日本語で"],
      ["assistant", "再帰関数は自分自身を呼び出します。"],
    ]);
    expect(branches.messages.map((m) => m.sourceId)).toEqual(["u-1", "a-1b", "u-2", "a-2"]);
    expect(branches.messages[0]?.createdAt).toEqual(at(1717000010.123456));
    expect(branches.createdAt).toEqual(at(1717000000.123456));
    expect(branches.updatedAt).toEqual(at(1717000062.023456));
    expect(branches.leftOut).toBe(2);

    // Tool calls, tool output, code and browsing are dropped; of a multimodal message,
    // its text; a message with no time takes the one before it; blank text is dropped.
    expect(tools.messages.map((m) => [m.messageType, m.content])).toEqual([
      ["user", "What is in this picture?"],
      ["assistant", "A red bicycle leaning on a wall."],
      ["user", "Thanks!"],
    ]);
    expect(tools.messages[1]?.createdAt).toEqual(tools.messages[0]?.createdAt);
    expect(tools.leftOut).toBe(5);

    // A parent missing from the mapping ends the path; no current node: the latest leaf.
    expect(orphan.messages.map((m) => m.content)).toEqual([
      "Continue the story about the lighthouse.",
      "The keeper lit the lamp at dusk.",
    ]);
    expect(orphan.updatedAt).toEqual(at(1717200009));

    expect(empty.messages).toEqual([]);

    // No title, no conversation_id, no message times: the conversation's time.
    expect(untitled.title).toBeNull();
    expect(untitled.sourceId).toBe("6650a1b2-0000-4000-8000-000000000005");
    expect(untitled.messages.map((m) => m.createdAt)).toEqual([
      at(1717400000.75),
      at(1717400000.75),
    ]);
  });

  test("the same result whatever the chunk size", async () => {
    const whole = await readAll(fixture, fixture.length);
    expect(await readAll(fixture, 1)).toEqual(whole);
  });

  test.each([
    ["not JSON", "hello", /not valid JSON near byte 0/],
    ["truncated", '[{"id": "a", "mapping": {}}, {"id": "b", "map', /not valid JSON/],
    ["an object, not an array", '{"id": "a", "mapping": {}}', /not an array of conversations/],
    [
      "extra JSON after the array",
      '[{"id": "a", "mapping": {}}] [1]',
      /not valid JSON near byte 29/,
    ],
    [
      "a conversation that is a number",
      '[{"id": "a", "mapping": {}}, 5]',
      /conversation 2: is not an object/,
    ],
    ["no id", '[{"title": "T", "mapping": {}}]', /conversation 1 \(“T”\): has no id/],
    [
      "mapping is not an object",
      '[{"id": "a", "mapping": {}}, {"id": "b", "mapping": {}}, {"id": "c", "title": "Trip plans", "mapping": []}]',
      /conversation 3 \(“Trip plans”\): mapping is not an object/,
    ],
    ["a node that is a string", '[{"id": "a", "mapping": {"n": "x"}}]', /node n is not an object/],
    [
      "a message without an author",
      '[{"id": "a", "current_node": "n", "mapping": {"n": {"message": {"content": {"content_type": "text", "parts": ["x"]}}}}}]',
      /message has no author role/,
    ],
    [
      "text without parts",
      '[{"id": "a", "current_node": "n", "mapping": {"n": {"message": {"author": {"role": "user"}, "content": {"content_type": "text"}}}}}]',
      /text has no parts/,
    ],
  ])("refuses %s, naming the problem", async (_name, text, message) => {
    const error = await failure(text);
    expect(error.message).toMatch(message);
    expect(error.issues?.length).toBe(1);
  });

  test("names the bad conversation's path in issues", async () => {
    const error = await failure('[{"id": "a", "mapping": {}}, {"id": "b", "mapping": 3}]');
    expect(error.issues).toEqual([
      { path: "[1].mapping", message: "conversation 2: mapping is not an object" },
    ]);
  });

  test("a cycle of parents ends the path instead of looping", () => {
    const chat = conversationToChat(
      {
        id: "c",
        current_node: "a",
        mapping: {
          a: {
            parent: "b",
            message: { author: { role: "user" }, content: { content_type: "text", parts: ["A"] } },
          },
          b: {
            parent: "a",
            message: {
              author: { role: "assistant" },
              content: { content_type: "text", parts: ["B"] },
            },
          },
        },
      },
      0,
    );
    expect(chat.messages.map((m) => m.content)).toEqual(["B", "A"]);
  });
});

test("a 50 MB conversations.json is read a conversation at a time", {
  timeout: 120_000,
}, async () => {
  const { stream, conversations } = generatedExport(50 * 1024 * 1024);
  const baseline = process.memoryUsage().heapUsed;
  let peak = baseline;
  let messages = 0;
  let chats = 0;
  const started = performance.now();
  for await (const chat of chatgptConversations(stream as unknown as AsyncIterable<Uint8Array>)) {
    chats += 1;
    messages += chat.messages.length;
    if (chats % 100 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  const mib = (n: number) => Math.round(n / 1024 / 1024);
  console.log(
    `parsed ${chats} conversations (${messages} messages) in ${((performance.now() - started) / 1000).toFixed(1)} s, heap peak +${mib(peak - baseline)} MiB`,
  );
  expect(chats).toBe(conversations());
  expect(messages).toBe(chats * 10);
  // The file's text is 50 MB: a heap that grew by as much would be holding it.
  expect(peak - baseline).toBeLessThan(48 * 1024 * 1024);
});
