import { beforeAll, describe, expect, test } from "vitest";
import * as branchRoute from "@/app/api/chats/[id]/branch/route";
import * as messageRoute from "@/app/api/chats/[id]/message/route";
import * as messagesRoute from "@/app/api/chats/[id]/messages/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as checkRoute from "@/app/api/chats/[id]/share/check/route";
import * as rotateRoute from "@/app/api/chats/[id]/share/rotate/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as updateSnapshotRoute from "@/app/api/chats/[id]/share/update/route";
import * as listRoute from "@/app/api/chats/route";
import { listMessagesByChat } from "@/db/queries/chats";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";

type Route = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

// Every /api/chats/<id>/… route, with a request that would succeed for the owner.
const routes: {
  name: string;
  handler: Route;
  method: string;
  suffix: string;
  body?: unknown;
  ok: number;
  /** What the owner does first, so that the request can succeed for them. */
  setup?: (owner: TestCaller, id: string) => Promise<unknown>;
}[] = [
  { name: "GET <id>", handler: chatRoute.GET, method: "GET", suffix: "", ok: 200 },
  {
    name: "PATCH <id>",
    handler: chatRoute.PATCH,
    method: "PATCH",
    suffix: "",
    body: { title: "x" },
    ok: 200,
  },
  {
    name: "POST <id>/messages",
    handler: messagesRoute.POST,
    method: "POST",
    suffix: "messages/",
    body: { messages: [{ message_type: "user", content: "x" }] },
    ok: 201,
  },
  {
    name: "POST <id>/message",
    handler: messageRoute.POST,
    method: "POST",
    suffix: "message/",
    body: { message_type: "user", content: "x" },
    ok: 201,
  },
  {
    name: "POST <id>/share",
    handler: shareRoute.POST,
    method: "POST",
    suffix: "share/",
    body: {},
    ok: 200,
  },
  {
    name: "POST <id>/share as a snapshot, every finding redacted",
    handler: shareRoute.POST,
    method: "POST",
    suffix: "share/",
    body: { mode: "snapshot", redact: "all" },
    ok: 200,
  },
  {
    name: "POST <id>/share/update",
    handler: updateSnapshotRoute.POST,
    method: "POST",
    suffix: "share/update/",
    body: {},
    ok: 200,
    setup: (owner, id) =>
      callRoute(shareRoute.POST, {
        path: `/api/chats/${id}/share/`,
        params: { id },
        body: { mode: "snapshot" },
        headers: owner.headers,
      }),
  },
  {
    name: "POST <id>/share/rotate",
    handler: rotateRoute.POST,
    method: "POST",
    suffix: "share/rotate/",
    ok: 200,
  },
  {
    name: "POST <id>/branch",
    handler: branchRoute.POST,
    method: "POST",
    suffix: "branch/",
    body: { through: crypto.randomUUID() },
    // The chat holds no messages: the owner gets past the chat's check, which the others
    // fail, to the message's (tests/api/branch-chat.test.ts branches a real one).
    ok: 409,
  },
  {
    name: "GET <id>/share/check",
    handler: checkRoute.GET,
    method: "GET",
    suffix: "share/check/",
    ok: 200,
  },
  { name: "DELETE <id>", handler: chatRoute.DELETE, method: "DELETE", suffix: "", ok: 204 },
];

async function createChat(caller: TestCaller) {
  const response = await callRoute(listRoute.POST, {
    path: "/api/chats/",
    body: {},
    headers: caller.headers,
  });
  return (await response.json()) as { id: string };
}

function call(route: (typeof routes)[number], caller: TestCaller, id: string) {
  return callRoute(route.handler, {
    method: route.method,
    path: `/api/chats/${id}/${route.suffix}`,
    params: { id },
    body: route.body,
    headers: caller.headers,
  });
}

describe("only the owner gets anything but 404", () => {
  let callers: Record<string, TestCaller>;
  beforeAll(async () => {
    callers = {
      "owner user": await signedInUser("owner"),
      "another user": await signedInUser("other"),
      "owning guest": guest("owning-guest"),
      "another guest": guest("other-guest"),
      nobody,
    };
  });

  for (const route of routes) {
    for (const ownerLabel of ["owner user", "owning guest"] as const) {
      test(`${route.name} on a chat of the ${ownerLabel}`, async () => {
        const owner = callers[ownerLabel] as TestCaller;
        const chat = await createChat(owner);
        await route.setup?.(owner, chat.id);
        for (const [label, caller] of Object.entries(callers)) {
          if (label === ownerLabel) continue;
          const response = await call(route, caller, chat.id);
          expect(response.status, `${label}`).toBe(404);
          expect(await response.json()).toEqual({
            error: { code: "not_found", message: "No such chat." },
          });
        }
        // Nothing the others sent changed the chat.
        expect(await listMessagesByChat({ chatId: chat.id })).toEqual([]);
        const mine = await call(route, owner, chat.id);
        expect(mine.status).toBe(route.ok);
      });
    }
  }

  test("a chat that does not exist and a non-uuid id are 404 too", async () => {
    const owner = callers["owner user"] as TestCaller;
    for (const id of [crypto.randomUUID(), "not-a-uuid", "1; drop table chats_chat"]) {
      for (const route of routes) {
        expect((await call(route, owner, id)).status).toBe(404);
      }
    }
  });
});
