import { describe, expect, test } from "vitest";
import * as accountExportRoute from "@/app/api/account/export/route";
import * as chatExportRoute from "@/app/api/chats/[id]/export/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import {
  appendMessages,
  createChatWithMessages,
  deleteOwnedChat,
  listChatsByOwner,
  type NewMessage,
  type Owner,
  updateOwnedChat,
} from "@/db/queries/chats";
import { accountExportStream } from "@/lib/chats/export-stream";
import {
  type ExportChatOut,
  type ExportDocumentOut,
  exportChatSchema,
  exportDocumentSchema,
  exportEndSchema,
  exportHeaderSchema,
} from "@/lib/validation/chat";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";

// GET /api/chats/<id>/export/ (one chat, Markdown or JSON) and GET /api/account/export/
// (every chat of the caller, streamed as NDJSON): only the owner's, in the documented
// shapes, in order, across batch boundaries, and junk refused as the other routes do.

type Caller = TestCaller & ({ userId: string } | { guestId: string });
const ownerOf = (caller: Caller): Owner =>
  "userId" in caller ? { userId: caller.userId } : { guestId: caller.guestId };

const user = (content: string): NewMessage => ({ messageType: "user", content });
const reply = (content: string, isError = false): NewMessage => ({
  messageType: "assistant",
  content,
  isError,
});

async function chatWith(owner: Owner, title: string, messages: NewMessage[] = []) {
  return (await createChatWithMessages({ owner, title, messages })).chat;
}

function exportChat(as: TestCaller, id: string, query = "") {
  return callRoute(chatExportRoute.GET, {
    method: "GET",
    path: `/api/chats/${id}/export/${query}`,
    params: { id },
    headers: as.headers,
  });
}

function exportAccount(as: TestCaller, query = "") {
  return callRoute(accountExportRoute.GET, {
    method: "GET",
    path: `/api/account/export/${query}`,
    headers: as.headers,
  });
}

/** An NDJSON export read line by line, each line checked against its schema. */
function parseNdjson(text: string) {
  expect(text.endsWith("\n")).toBe(true);
  const lines = text
    .slice(0, -1)
    .split("\n")
    .map((line) => JSON.parse(line) as { type: string });
  const header = exportHeaderSchema.parse(lines[0]);
  const end = exportEndSchema.parse(lines.at(-1));
  const chats = lines.slice(1, -1).map((line) => exportChatSchema.parse(line));
  expect(end.chats).toBe(chats.length);
  expect(end.messages).toBe(chats.reduce((n, chat) => n + chat.messages.length, 0));
  return { header, chats, end };
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

/** The owner's chats as the export orders them: least recently updated first. */
/** The export's order: least recently updated first, the list's chats, then the archived. */
async function exportOrder(owner: Owner): Promise<string[]> {
  const order: string[] = [];
  for (const archived of [false, true]) {
    const { chats } = await listChatsByOwner({ owner, limit: 100, archived });
    order.push(...chats.map((chat) => chat.id).reverse());
  }
  return order;
}

/** What GET /api/chats/<id>/ answers, in the export's chat shape. */
async function detailAsExport(as: TestCaller, id: string): Promise<ExportChatOut> {
  const response = await callRoute(chatRoute.GET, {
    method: "GET",
    path: `/api/chats/${id}/`,
    params: { id },
    headers: as.headers,
  });
  const detail = await response.json();
  return {
    type: "chat",
    id: detail.id,
    title: detail.title,
    created_at: detail.created_at,
    updated_at: detail.updated_at,
    is_pinned: detail.is_pinned,
    is_archived: detail.is_archived,
    messages: detail.messages,
  };
}

const tricky = [
  "# Not the title\n\n---\n\n```ts\nconst x = 1;\n```\n\nÜnïcödé ✓ and <b>html</b>",
  "  leading and trailing spaces  ",
];

describe("GET /api/chats/<id>/export/", () => {
  test("the owner gets Markdown by default: the title, each message with its role and time, contents verbatim", async () => {
    const me = await signedInUser("export-md");
    const chat = await chatWith(ownerOf(me), "Learning Rust", [
      user(tricky[0] as string),
      reply(tricky[1] as string),
      reply("The model failed.", true),
    ]);
    for (const query of ["", "?format=markdown"]) {
      const response = await exportChat(me, chat.id, query);
      expect(response.status, query).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
      expect(response.headers.get("cache-control")).toBe("private, no-store");
      const day = new Date().toISOString().slice(0, 10);
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="learning-rust-${day}.md"; filename*=UTF-8''learning-rust-${day}.md`,
      );
      const markdown = await response.text();
      expect(markdown.startsWith("# Learning Rust\n\n")).toBe(true);
      for (const content of tricky) expect(markdown).toContain(`\n\n${content}\n`);
      const headings = markdown.match(/^## .*$/gm) ?? [];
      expect(headings).toHaveLength(3);
      expect(headings[0]).toMatch(/^## User · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
      expect(headings[1]).toMatch(/^## Assistant · /);
      expect(headings[2]).toMatch(/^## Assistant \(error\) · /);
    }
  });

  test("?format=json is the chat in the NDJSON line's shape, inside the export header", async () => {
    const me = guest("export-json");
    const chat = await chatWith(ownerOf(me), "Café ☕ notes: Rust/Go", [
      user(tricky[0] as string),
      reply("answer"),
    ]);
    const response = await exportChat(me, chat.id, "?format=json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="cafe-notes-rust-go-${day}.json"; filename*=UTF-8''caf%C3%A9-notes-rust-go-${day}.json`,
    );
    const body: ExportDocumentOut = exportDocumentSchema.parse(await response.json());
    expect(body.type).toBe("skillmate.export");
    expect(body.version).toBe(1);
    expect(body.chats).toEqual([await detailAsExport(me, chat.id)]);
  });

  test("a title with no ASCII word still gets an ASCII file name", async () => {
    const me = guest("export-cyrillic");
    const chat = await chatWith(ownerOf(me), "Привет мир");
    const response = await exportChat(me, chat.id);
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="chat-${day}.md"; filename*=UTF-8''${encodeURIComponent("привет-мир")}-${day}.md`,
    );
  });

  test("anyone but the owner gets the same 404 as for no chat at all", async () => {
    const owners: [string, () => Promise<Caller>][] = [
      ["an account", () => signedInUser("export-owner")],
      ["a guest", async () => guest("export-owner")],
    ];
    for (const [label, makeOwner] of owners) {
      const owner = await makeOwner();
      const chat = await chatWith(ownerOf(owner), "Private", [user("secret")]);
      expect((await exportChat(owner, chat.id)).status, label).toBe(200);
      const noChat = await exportChat(owner, crypto.randomUUID());
      const noChatBody = await noChat.json();
      expect(noChat.status).toBe(404);
      for (const [who, as] of [
        ["another account", await signedInUser("export-stranger")],
        ["another guest", guest("export-stranger")],
        ["nobody", nobody],
      ] as const) {
        for (const query of ["", "?format=json"]) {
          const response = await exportChat(as, chat.id, query);
          expect(response.status, `${label}'s chat, ${who}${query}`).toBe(404);
          expect(response.headers.get("content-disposition")).toBeNull();
          expect(await response.json()).toEqual(noChatBody);
        }
      }
    }
  });

  test.each([
    ["an unknown format", "?format=pdf", 400, "format"],
    ["an empty format", "?format=", 400, "format"],
    ["a format in capitals", "?format=JSON", 400, "format"],
    ["an unknown parameter", "?format=json&download=1", 400, "download"],
  ])("%s is 400 validation_error", async (_label, query, status, path) => {
    const me = await signedInUser("export-junk");
    const chat = await chatWith(ownerOf(me), "Junk");
    const response = await exportChat(me, chat.id, query);
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body.error.code).toBe("validation_error");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  test("a malformed id is 404, as for GET /api/chats/<id>/", async () => {
    const me = guest("export-bad-id");
    for (const id of ["not-a-uuid", "1", "%00"]) {
      const response = await exportChat(me, id);
      expect(response.status, id).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });

  test("other methods are 405 with Allow: GET", async () => {
    const me = guest("export-405");
    const chat = await chatWith(ownerOf(me), "Methods");
    const { POST, PUT, PATCH, DELETE } = chatExportRoute;
    for (const [method, handler] of Object.entries({ POST, PUT, PATCH, DELETE })) {
      const response = await callRoute(handler, {
        method,
        path: `/api/chats/${chat.id}/export/`,
        params: { id: chat.id },
        headers: me.headers,
      });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET");
    }
  });
});

describe("GET /api/account/export/", () => {
  test("an account's export has all its chats, in order, each with all its messages in order, and nobody else's", async () => {
    const me = await signedInUser("export-all");
    const other = await signedInUser("export-all-other");
    const otherGuest = guest("export-all-guest");
    const owner = ownerOf(me);
    await chatWith(owner, "Empty");
    await chatWith(owner, "Tricky", [user(tricky[0] as string), reply(tricky[1] as string)]);
    await chatWith(owner, "Errors", [user("q"), reply("failed", true), reply("ok")]);
    await chatWith(ownerOf(other), "Theirs", [user("not yours")]);
    await chatWith(ownerOf(otherGuest), "A guest's", [user("not yours either")]);

    const response = await exportAccount(me);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    const day = new Date().toISOString().slice(0, 10);
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="skillmate-chats-${day}.ndjson"; filename*=UTF-8''skillmate-chats-${day}.ndjson`,
    );
    expect(response.headers.getSetCookie()).toEqual([]);
    const { header, chats, end } = parseNdjson(await response.text());
    expect(header).toEqual({
      type: "skillmate.export",
      version: 1,
      exported_at: expect.any(String),
    });
    expect(chats.map((chat) => chat.id)).toEqual(await exportOrder(owner));
    for (const chat of chats) expect(chat).toEqual(await detailAsExport(me, chat.id));
    expect(end).toEqual({ type: "end", chats: 3, messages: 5 });
  });

  test("a guest exports their own chats", async () => {
    const me = guest("export-guest");
    const owner = ownerOf(me);
    await chatWith(owner, "One", [user("hello")]);
    await chatWith(owner, "Two", [user("again"), reply("hi")]);
    await chatWith(ownerOf(guest("export-guest-other")), "Not mine", [user("x")]);
    const { chats } = parseNdjson(await (await exportAccount(me)).text());
    expect(chats.map((chat) => chat.title)).toEqual(["One", "Two"]);
    expect(chats.map((chat) => chat.messages.length)).toEqual([1, 2]);
  });

  test("a visitor with no identity gets a valid export with no chats, and no cookie", async () => {
    const response = await exportAccount(nobody);
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie()).toEqual([]);
    const { chats, end } = parseNdjson(await response.text());
    expect(chats).toEqual([]);
    expect(end).toEqual({ type: "end", chats: 0, messages: 0 });
  });

  test.each([
    ["a limit", "?limit=10"],
    ["a format", "?format=json"],
    ["an empty parameter", "?x="],
  ])("%s in the query is 400 validation_error", async (_label, query) => {
    const me = guest("export-all-junk");
    await chatWith(ownerOf(me), "Junk");
    const response = await exportAccount(me, query);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.code).toBe("validation_error");
    expect(response.headers.get("content-disposition")).toBeNull();
  });

  test("other methods are 405 with Allow: GET", async () => {
    const { POST, PUT, PATCH, DELETE } = accountExportRoute;
    for (const [method, handler] of Object.entries({ POST, PUT, PATCH, DELETE })) {
      const response = await callRoute(handler, {
        method,
        path: "/api/account/export/",
        headers: guest().headers,
      });
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET");
    }
  });
});

describe("the export stream", () => {
  test("pages across batch boundaries: every chat once, in order, whatever the batch size", async () => {
    const me = guest("export-batches");
    const owner = ownerOf(me);
    for (let i = 0; i < 7; i++) {
      const chat = await chatWith(owner, `Chat ${i}`, [user(`q${i}`), reply(`a${i}`)]);
      // Archived chats are exported too, after the others.
      if (i % 3 === 1) await updateOwnedChat({ id: chat.id, owner, changes: { isArchived: true } });
    }
    const expected = await exportOrder(owner);
    expect(expected).toHaveLength(7);
    for (const options of [
      { batchSize: 1 },
      { batchSize: 2 },
      { batchSize: 3 },
      { batchSize: 7 },
      { batchSize: 50 },
      // Cut by messages: each chat holds 2, so batches of 1 or 2 chats.
      { batchSize: 5, messageBudget: 1 },
      { batchSize: 5, messageBudget: 4 },
    ]) {
      const { chats, end } = parseNdjson(await readAll(await accountExportStream(owner, options)));
      const label = JSON.stringify(options);
      expect(
        chats.map((chat) => chat.id),
        label,
      ).toEqual(expected);
      expect(end.messages, label).toBe(14);
      for (const chat of chats) {
        const i = chat.title.slice("Chat ".length);
        expect(
          chat.messages.map((m) => m.content),
          label,
        ).toEqual([`q${i}`, `a${i}`]);
      }
    }
  });

  test("reads a batch only when the reader asks for one", async () => {
    const me = guest("export-pull");
    const owner = ownerOf(me);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await chatWith(owner, `Chat ${i}`)).id);
    const stream = await accountExportStream(owner, { batchSize: 1 });
    // Nothing read yet but the first batch: the chats after it are gone before it asks.
    for (const id of ids.slice(1)) await deleteOwnedChat({ id, owner });
    const { chats, end } = parseNdjson(await readAll(stream));
    expect(chats.map((chat) => chat.id)).toEqual([ids[0]]);
    expect(end.chats).toBe(1);
  });

  test("a chat that gets a message during the export is not missed", async () => {
    const me = guest("export-moving");
    const owner = ownerOf(me);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await chatWith(owner, `Chat ${i}`, [user("q")])).id);
    const stream = await accountExportStream(owner, { batchSize: 1 });
    const reader = stream.getReader();
    const first = await reader.read();
    // The third chat, not read yet, becomes the most recently updated.
    await appendMessages({ chatId: ids[2] as string, owner, messages: [reply("late")] });
    let text = new TextDecoder().decode(first.value);
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      text += new TextDecoder().decode(chunk.value);
    }
    const { chats } = parseNdjson(text);
    expect(new Set(chats.map((chat) => chat.id))).toEqual(new Set(ids));
    const moved = chats.filter((chat) => chat.id === ids[2]).at(-1);
    expect(moved?.messages.map((m) => m.content)).toEqual(["q", "late"]);
  });
});
