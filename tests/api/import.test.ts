import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import * as accountExportRoute from "@/app/api/account/export/route";
import * as chatExportRoute from "@/app/api/chats/[id]/export/route";
import * as importRoute from "@/app/api/chats/import/route";
import {
  createChatWithMessages,
  getOwnedChatWithMessages,
  listChatsByOwner,
  type Owner,
  updateOwnedChat,
} from "@/db/queries/chats";
import { importChats } from "@/lib/chats/writes";
import { verifyGuestCookie } from "@/lib/identity/guest";
import { type ImportResultOut, importResultSchema } from "@/lib/validation/import";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";

// POST /api/chats/import/: ChatGPT's conversations.json and this app's own exports land
// in the caller's chats, the same file twice adds nothing, and a malformed file stores
// nothing at all.

type Caller = TestCaller & ({ userId: string } | { guestId: string });
const ownerOf = (caller: Caller): Owner =>
  "userId" in caller ? { userId: caller.userId } : { guestId: caller.guestId };

const fixture = readFileSync(
  path.join(import.meta.dirname, "../fixtures/chatgpt-conversations.json"),
  "utf8",
);

function importFile(as: TestCaller, body: string, type = "application/json", headers = {}) {
  return callRoute(importRoute.POST, {
    method: "POST",
    path: "/api/chats/import/",
    rawBody: body,
    headers: { ...as.headers, ...(type ? { "content-type": type } : {}), ...headers },
  });
}

async function imported(response: Response): Promise<ImportResultOut> {
  expect(response.status, await response.clone().text()).toBe(200);
  return importResultSchema.parse(await response.json());
}

/** Every chat of the owner with its messages, oldest update first. */
async function contentsOf(owner: Owner) {
  const { chats } = await listChatsByOwner({ owner, limit: 100, archived: "all" });
  const out = [];
  for (const chat of chats.reverse()) {
    const full = await getOwnedChatWithMessages({ id: chat.id, owner });
    out.push({ chat, messages: full?.messages ?? [] });
  }
  return out;
}

async function totals(owner: Owner) {
  const all = await contentsOf(owner);
  return { chats: all.length, messages: all.reduce((n, c) => n + c.messages.length, 0) };
}

const at = (seconds: number) => new Date(Math.floor(seconds * 1000)).toISOString().slice(0, 19);

describe("POST /api/chats/import/ with ChatGPT's conversations.json", () => {
  test("imports each conversation's current branch, its visible messages and their times", async () => {
    const me = await signedInUser("import-fixture");
    const result = await imported(await importFile(me, fixture));
    expect(result).toMatchObject({ format: "chatgpt", imported: 4, updated: 0, messages: 11 });
    expect(result.skipped).toEqual([
      { id: "6650a1b2-0000-4000-8000-000000000004", title: "New chat", reason: "empty" },
    ]);
    expect(result.messages_left_out).toBe(2 + 5 + 1 + 1 + 0);

    const chats = await contentsOf(ownerOf(me));
    const byTitle = new Map(chats.map((c) => [c.chat.title, c]));
    const recursion = byTitle.get("Récursivité — explication 🌀");
    expect(recursion?.messages.map((m) => [m.messageType, m.content])).toEqual([
      ["user", "Explique la récursivité en deux phrases, s'il te plaît 🙏"],
      [
        "assistant",
        "Une fonction récursive s'appelle elle-même.\n\nElle s'arrête sur un cas de base.",
      ],
      ["user", "Et en japonais ? 日本語で"],
      ["assistant", "再帰関数は自分自身を呼び出します。"],
    ]);
    expect(recursion?.chat.createdAt.toISOString().slice(0, 19)).toBe(at(1717000000.123456));
    expect(recursion?.chat.updatedAt.toISOString().slice(0, 19)).toBe(at(1717000062.023456));
    expect(recursion?.chat.messageCount).toBe(4);
    expect(recursion?.chat.isShared).toBe(false);
    expect(recursion?.messages[3]?.createdAt.toISOString().slice(0, 19)).toBe(
      at(1717000061.623456),
    );

    expect(byTitle.get("Picture question")?.messages.map((m) => m.content)).toEqual([
      "What is in this picture?",
      "A red bicycle leaning on a wall.",
      "Thanks!",
    ]);
    expect(byTitle.get("Lighthouse story")?.messages.map((m) => m.content)).toEqual([
      "Continue the story about the lighthouse.",
      "The keeper lit the lamp at dusk.",
    ]);
    // No title in the file: titled from the first message, as a new chat would be.
    expect(byTitle.get("Привет! Как дела?")?.messages).toHaveLength(2);
    // Least recently updated first: the file's own times order the list.
    expect(chats.map((c) => c.chat.title)).toEqual([
      "Récursivité — explication 🌀",
      "Picture question",
      "Lighthouse story",
      "Привет! Как дела?",
    ]);
  });

  test("a conversation ChatGPT archived arrives archived; the others in the list", async () => {
    const me = await signedInUser("import-archived");
    const conversations = JSON.parse(fixture) as { is_archived?: boolean }[];
    conversations.forEach((c, i) => {
      c.is_archived = i === 0;
    });
    await imported(await importFile(me, JSON.stringify(conversations)));
    const chats = await contentsOf(ownerOf(me));
    expect(chats.map((c) => c.chat.isArchived).sort()).toEqual([false, false, false, true]);
    expect(chats.every((c) => !c.chat.isPinned)).toBe(true);
  });

  test("importing the same file twice creates nothing new", async () => {
    const me = guest("import-twice");
    await imported(await importFile(me, fixture));
    const before = await contentsOf(ownerOf(me));
    const again = await imported(await importFile(me, fixture));
    expect(again).toMatchObject({ imported: 0, updated: 0, messages: 0 });
    expect(again.skipped.map((s) => s.reason).sort()).toEqual([
      "already_imported",
      "already_imported",
      "already_imported",
      "already_imported",
      "empty",
    ]);
    expect(await contentsOf(ownerOf(me))).toEqual(before);
  });

  test("a conversation continued since the last import gets only its new messages", async () => {
    const me = guest("import-continued");
    const conversations = JSON.parse(fixture) as Record<string, unknown>[];
    const first = conversations.slice(0, 1);
    await imported(await importFile(me, JSON.stringify(first)));
    const mapping = first[0]?.mapping as Record<string, Record<string, unknown>>;
    (mapping["a-2"] as { children: string[] }).children = ["u-3"];
    mapping["u-3"] = {
      id: "u-3",
      parent: "a-2",
      children: [],
      message: {
        author: { role: "user" },
        create_time: 1717000100,
        content: { content_type: "text", parts: ["Merci !"] },
      },
    };
    (first[0] as Record<string, unknown>).current_node = "u-3";
    const result = await imported(await importFile(me, JSON.stringify(first)));
    expect(result).toMatchObject({ imported: 0, updated: 1, messages: 1, skipped: [] });
    const [chat] = await contentsOf(ownerOf(me));
    expect(chat?.messages.map((m) => m.content).at(-1)).toBe("Merci !");
    expect(chat?.chat.messageCount).toBe(5);
  });

  test("two users importing the same file each get their own chats", async () => {
    const one = await signedInUser("import-one");
    const two = guest("import-two");
    const bystander = await signedInUser("import-bystander");
    await imported(await importFile(one, fixture));
    await imported(await importFile(two, fixture));
    const a = await contentsOf(ownerOf(one));
    const b = await contentsOf(ownerOf(two));
    expect(a.map((c) => c.chat.title)).toEqual(b.map((c) => c.chat.title));
    const ids = new Set(a.map((c) => c.chat.id));
    expect(b.some((c) => ids.has(c.chat.id))).toBe(false);
    expect(await totals(ownerOf(bystander))).toEqual({ chats: 0, messages: 0 });
  });

  test("a visitor with no identity gets a guest identity that owns the import", async () => {
    const response = await importFile(nobody, fixture);
    expect(response.status).toBe(200);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("skillmate_guest="));
    const guestId = verifyGuestCookie(cookie?.split(";")[0]?.split("=")[1]);
    expect(guestId).toBeTruthy();
    expect((await totals({ guestId: guestId ?? "" })).chats).toBe(4);
  });
});

describe("POST /api/chats/import/ with this app's exports", () => {
  test("an account export round-trips: another user gets the same titles, messages, pins and archive", async () => {
    const from = await signedInUser("import-export-from");
    const owner = ownerOf(from);
    const { chat: pinned } = await createChatWithMessages({
      owner,
      messages: [{ messageType: "user", content: "Pinned one" }],
    });
    await updateOwnedChat({ id: pinned.id, owner, changes: { isPinned: true } });
    const { chat: archived } = await createChatWithMessages({
      owner,
      messages: [{ messageType: "user", content: "Archived one" }],
    });
    await updateOwnedChat({ id: archived.id, owner, changes: { isArchived: true } });
    await createChatWithMessages({
      owner,
      title: "Café ☕ plans",
      messages: [
        { messageType: "user", content: "Where shall we meet?" },
        { messageType: "assistant", content: "At **the usual place**." },
        { messageType: "assistant", content: "Sorry, something failed.", isError: true },
      ],
    });
    await createChatWithMessages({
      owner,
      messages: [{ messageType: "user", content: "Untitled one" }],
    });
    const exported = await callRoute(accountExportRoute.GET, {
      method: "GET",
      path: "/api/account/export/",
      headers: from.headers,
    });
    const ndjson = await exported.text();

    const to = await signedInUser("import-export-to");
    const result = await imported(await importFile(to, ndjson, "application/x-ndjson"));
    expect(result).toMatchObject({ format: "skillmate", imported: 4, messages: 6, skipped: [] });
    const project = (all: Awaited<ReturnType<typeof contentsOf>>) =>
      all.map(({ chat, messages }) => ({
        title: chat.title,
        isPinned: chat.isPinned,
        isArchived: chat.isArchived,
        createdAt: chat.createdAt,
        updatedAt: chat.updatedAt,
        messages: messages.map((m) => [m.messageType, m.content, m.isError, m.createdAt]),
      }));
    const copied = project(await contentsOf(ownerOf(to)));
    expect(copied).toEqual(project(await contentsOf(owner)));
    expect(copied.filter((c) => c.isPinned).map((c) => c.title)).toEqual(["Pinned one"]);
    expect(copied.filter((c) => c.isArchived).map((c) => c.title)).toEqual(["Archived one"]);

    // Sent untyped (as a browser may send an .ndjson file), it is told by its first line.
    const again = await imported(await importFile(to, ndjson, ""));
    expect(again).toMatchObject({ imported: 0, messages: 0 });
  });

  test("a one-chat JSON export imports too", async () => {
    const from = guest("import-json-from");
    const { chat } = await createChatWithMessages({
      owner: ownerOf(from),
      title: "JSON one",
      messages: [{ messageType: "user", content: "only me" }],
    });
    const exported = await callRoute(chatExportRoute.GET, {
      method: "GET",
      path: `/api/chats/${chat.id}/export/?format=json`,
      params: { id: chat.id },
      headers: from.headers,
    });
    const to = guest("import-json-to");
    const result = await imported(await importFile(to, await exported.text()));
    expect(result).toMatchObject({ imported: 1, messages: 1 });
    expect((await contentsOf(ownerOf(to)))[0]?.chat.title).toBe("JSON one");
  });
});

describe("POST /api/chats/import/ refuses malformed files and stores nothing", () => {
  const good = JSON.parse(fixture) as unknown[];
  const header = '{"type":"skillmate.export","version":1,"exported_at":"2026-12-01T09:30:05.123Z"}';
  test.each([
    ["not JSON", "application/json", "this is not json", /not a SkillMate export|neither/],
    ["truncated", "application/json", fixture.slice(0, fixture.length - 200), /not valid JSON/],
    ["an empty body", "application/json", "", /empty/],
    ["only whitespace", "application/json", "  \n ", /empty/],
    [
      "extra JSON after the array",
      "application/json",
      `${JSON.stringify(good)}\n{"more": 1}`,
      /not valid JSON/,
    ],
    [
      "a bad conversation in the middle",
      "application/json",
      JSON.stringify([good[0], good[1], { id: "x", title: "Broken", mapping: "nope" }, good[2]]),
      /conversation 3 \(“Broken”\): mapping is not an object/,
    ],
    [
      "a bad conversation at the very end, after two full batches",
      "application/json",
      JSON.stringify([
        ...Array.from({ length: 250 }, (_, i) => ({
          ...(good[0] as object),
          id: `c${i}`,
          conversation_id: `c${i}`,
        })),
        { id: "last", mapping: {}, title: 5 },
      ]),
      /conversation 251: title is not a string/,
    ],
    [
      "an NDJSON export cut short",
      "application/x-ndjson",
      `${header}\n{"type":"chat","id":"11111111-1111-4111-8111-111111111111","title":"t","created_at":"2026-11-30T10:00:00.000Z","updated_at":"2026-11-30T10:00:00.000Z","messages":[{"id":"11111111-1111-4111-8111-111111111112","message_type":"user","content":"x","is_error":false,"created_at":"2026-11-30T10:00:00.000Z"}]}\n`,
      /cut short/,
    ],
    ["an array of numbers", "application/json", "[1, 2]", /conversation 1: is not an object/],
  ])("%s is a 400 naming the problem", async (_name, type, body, message) => {
    const me = await signedInUser("import-bad");
    await imported(await importFile(me, JSON.stringify(good.slice(0, 1))));
    const before = await totals(ownerOf(me));
    const response = await importFile(me, body, type);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error.code).toBe("validation_error");
    expect(error.message).toMatch(message);
    expect(error.issues?.length).toBe(1);
    expect(await totals(ownerOf(me))).toEqual(before);
  });

  test("the import's transaction alone stores nothing of a file that fails part-way", async () => {
    // Past the route's check (checkImportFile): the fault is met after two batches were
    // written inside the transaction, which rolls them back.
    const me = guest("import-rollback");
    const file = JSON.stringify([
      ...Array.from({ length: 250 }, (_, i) => ({
        ...(good[0] as object),
        id: `r${i}`,
        conversation_id: `r${i}`,
      })),
      { id: "last", mapping: 5 },
    ]);
    async function* bytes() {
      yield Buffer.from(file);
    }
    await expect(
      importChats({ owner: ownerOf(me), reader: "chatgpt", bytes: bytes() }),
    ).rejects.toMatchObject({ code: "validation_error" });
    expect(await totals(ownerOf(me))).toEqual({ chats: 0, messages: 0 });
  });

  test("a visitor's malformed file makes no guest and no chat", async () => {
    const response = await importFile(nobody, JSON.stringify([{ id: "a", mapping: 1 }]));
    expect(response.status).toBe(400);
    expect(response.headers.getSetCookie()).toEqual([]);
  });
});

describe("POST /api/chats/import/ junk and refusals", () => {
  test.each([
    ["text/html", 415, "unsupported_media_type"],
    ["multipart/form-data; boundary=x", 415, "unsupported_media_type"],
  ])("a %s body is %i", async (type, status, code) => {
    const response = await importFile(guest("import-type"), fixture, type);
    expect(response.status).toBe(status);
    expect((await response.json()).error.code).toBe(code);
  });

  test("a declared Content-Length over the limit is 413 before anything is read", async () => {
    const response = await importFile(guest("import-413"), "[]", "application/json", {
      "content-length": String(50 * 1024 * 1024 + 1),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).error.code).toBe("payload_too_large");
  });

  test("a cross-site POST is 403 and imports nothing", async () => {
    const me = guest("import-cross-site");
    for (const headers of [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site" },
    ]) {
      const response = await importFile(me, fixture, "application/json", headers);
      expect(response.status).toBe(403);
      expect((await response.json()).error.code).toBe("forbidden");
    }
    expect((await totals(ownerOf(me))).chats).toBe(0);
  });

  test("other methods are 405 with Allow: POST", async () => {
    const { GET, PUT, PATCH, DELETE } = importRoute;
    for (const [method, handler] of Object.entries({ GET, PUT, PATCH, DELETE })) {
      const response = await callRoute(handler, { method, path: "/api/chats/import/" });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("POST");
    }
  });
});
