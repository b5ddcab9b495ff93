import { describe, expect, test } from "vitest";
import * as messageRoute from "@/app/api/chats/[id]/message/route";
import * as messagesRoute from "@/app/api/chats/[id]/messages/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as updateSnapshotRoute from "@/app/api/chats/[id]/share/update/route";
import * as createWithMessagesRoute from "@/app/api/chats/create-with-messages/route";
import * as listRoute from "@/app/api/chats/route";
import { listChatsByOwner } from "@/db/queries/chats";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { signedInUser } from "../helpers/callers";
import { type Call, callRoute } from "../helpers/http";

const m = { message_type: "user", content: "hi" };
const json = { "content-type": "application/json" };

type Case = [
  label: string,
  target: "create" | "bulk" | "messages" | "message" | "patch" | "share" | "update" | "list",
  call: Partial<Call>,
  status: number,
  code: string,
  path?: string,
];

const cases: Case[] = [
  ["invalid JSON", "create", { rawBody: "{not json", headers: json }, 400, "invalid_json"],
  ["a JSON string", "messages", { rawBody: '"hi"', headers: json }, 400, "invalid_json"],
  ["no body", "message", { rawBody: "", headers: json }, 400, "invalid_json"],
  [
    "a form body",
    "create",
    { rawBody: "title=x", headers: { "content-type": "application/x-www-form-urlencoded" } },
    415,
    "unsupported_media_type",
  ],
  ["no content type", "patch", { rawBody: '{"title":"x"}' }, 415, "unsupported_media_type"],
  [
    "a body over 1 MiB",
    "bulk",
    { body: { messages: [{ ...m, content: "x".repeat(1024 * 1024) }] } },
    413,
    "payload_too_large",
  ],
  [
    "a cross-site request",
    "create",
    { body: {}, headers: { origin: "https://evil.example" } },
    403,
    "forbidden",
  ],
  [
    "Sec-Fetch-Site: cross-site",
    "patch",
    { body: { title: "x" }, headers: { "sec-fetch-site": "cross-site" } },
    403,
    "forbidden",
  ],
  ["a title of the wrong type", "create", { body: { title: 5 } }, 400, "validation_error", "title"],
  ["a blank title", "patch", { body: { title: "   " } }, 400, "validation_error", "title"],
  [
    "a 201-character title",
    "create",
    { body: { title: "t".repeat(201) } },
    400,
    "validation_error",
    "title",
  ],
  [
    "an unknown field",
    "create",
    { body: { title: "x", owner: "me" } },
    400,
    "validation_error",
    "owner",
  ],
  [
    "an unknown message field",
    "bulk",
    { body: { messages: [{ ...m, role: "user" }] } },
    400,
    "validation_error",
    "messages.0.role",
  ],
  [
    "a missing message_type",
    "message",
    { body: { content: "x" } },
    400,
    "validation_error",
    "message_type",
  ],
  [
    "a wrong message_type",
    "message",
    { body: { message_type: "system", content: "x" } },
    400,
    "validation_error",
    "message_type",
  ],
  [
    "empty content",
    "message",
    { body: { message_type: "user", content: "" } },
    400,
    "validation_error",
    "content",
  ],
  [
    "content over 100,000 characters",
    "message",
    { body: { message_type: "user", content: "c".repeat(100_001) } },
    400,
    "validation_error",
    "content",
  ],
  [
    "a non-uuid message id",
    "message",
    { body: { ...m, id: "abc" } },
    400,
    "validation_error",
    "id",
  ],
  [
    "is_error of the wrong type",
    "message",
    { body: { ...m, is_error: "no" } },
    400,
    "validation_error",
    "is_error",
  ],
  [
    "an empty messages array",
    "messages",
    { body: { messages: [] } },
    400,
    "validation_error",
    "messages",
  ],
  ["missing messages", "bulk", { body: { title: "x" } }, 400, "validation_error", "messages"],
  [
    "501 messages",
    "bulk",
    { body: { messages: Array.from({ length: 501 }, () => m) } },
    400,
    "validation_error",
    "messages",
  ],
  [
    "one bad message among good ones",
    "messages",
    { body: { messages: [m, m, { ...m, content: 7 }] } },
    400,
    "validation_error",
    "messages.2.content",
  ],
  ["an empty PATCH", "patch", { body: {} }, 400, "validation_error"],
  [
    "is_shared of the wrong type",
    "share",
    { body: { is_shared: "yes" } },
    400,
    "validation_error",
    "is_shared",
  ],
  ["an unknown share mode", "share", { body: { mode: "frozen" } }, 400, "validation_error", "mode"],
  [
    "redact without a snapshot",
    "share",
    { body: { is_shared: true, redact: "all" } },
    400,
    "validation_error",
    "redact",
  ],
  [
    "a redact item that is not a finding",
    "share",
    { body: { mode: "snapshot", redact: [{ message_id: null, start: 0, end: 4 }] } },
    400,
    "validation_error",
    "redact.0",
  ],
  [
    "a redact item of the wrong shape",
    "share",
    { body: { mode: "snapshot", redact: [{ message_id: null, start: 1.5, end: 4 }] } },
    400,
    "validation_error",
    "redact.0.start",
  ],
  ["invalid JSON", "update", { rawBody: "{not json", headers: json }, 400, "invalid_json"],
  ["no content type", "update", { rawBody: "{}" }, 415, "unsupported_media_type"],
  [
    "a cross-site request",
    "update",
    { body: {}, headers: { "sec-fetch-site": "cross-site" } },
    403,
    "forbidden",
  ],
  ["an unknown field", "update", { body: { mode: "live" } }, 400, "validation_error", "mode"],
  [
    "redact of the wrong type",
    "update",
    { body: { redact: true } },
    400,
    "validation_error",
    "redact",
  ],
  // Valid, but the chat's link is live: nothing to take again.
  ["a live link", "update", { body: {} }, 409, "conflict"],
  ["limit 0", "list", { path: "/api/chats/?limit=0" }, 400, "validation_error", "limit"],
  ["limit 101", "list", { path: "/api/chats/?limit=101" }, 400, "validation_error", "limit"],
  ["limit abc", "list", { path: "/api/chats/?limit=abc" }, 400, "validation_error", "limit"],
  [
    "a forged cursor",
    "list",
    { path: "/api/chats/?cursor=bm90IGEgY3Vyc29y" },
    400,
    "validation_error",
    "cursor",
  ],
];

const handlers = {
  create: { handler: listRoute.POST, method: "POST", suffix: null },
  list: { handler: listRoute.GET, method: "GET", suffix: null },
  bulk: { handler: createWithMessagesRoute.POST, method: "POST", suffix: null },
  messages: { handler: messagesRoute.POST, method: "POST", suffix: "messages/" },
  message: { handler: messageRoute.POST, method: "POST", suffix: "message/" },
  patch: { handler: chatRoute.PATCH, method: "PATCH", suffix: "" },
  share: { handler: shareRoute.POST, method: "POST", suffix: "share/" },
  update: { handler: updateSnapshotRoute.POST, method: "POST", suffix: "share/update/" },
} as const;

describe("bad input gets a 4xx in the contract's shape and changes nothing", () => {
  test.each(cases)("%s (%s)", async (_label, target, call, status, code, path) => {
    const user = await signedInUser();
    const seed = await callRoute(listRoute.POST, {
      path: "/api/chats/",
      body: { title: "Seed", messages: [{ message_type: "user", content: "seed" }] },
      headers: user.headers,
    });
    const chat = await seed.json();
    const owner = { userId: user.userId };
    const before = await getOwnedChatOrThrow({ id: chat.id, owner });

    const { handler, method, suffix } = handlers[target];
    const response = await callRoute(handler, {
      method,
      path: suffix === null ? "/api/chats/" : `/api/chats/${chat.id}/${suffix}`,
      params: { id: chat.id },
      ...call,
      headers: { ...user.headers, ...call.headers },
    });
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = await response.json();
    expect(body.error.code).toBe(code);
    expect(body.error.message).toEqual(expect.any(String));
    if (path) expect(body.error.issues.map((i: { path: string }) => i.path)).toContain(path);

    expect(await getOwnedChatOrThrow({ id: chat.id, owner })).toEqual(before);
    expect((await listChatsByOwner({ owner })).chats).toHaveLength(1);
  });

  test("other methods are 405 in the same shape", async () => {
    const response = await listRoute.PUT();
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    expect((await response.json()).error.code).toBe("method_not_allowed");
  });
});
