import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import { getDb } from "@/db/client";
import type { Owner } from "@/db/queries/chats";
import { getOwnedChatOrThrow } from "@/lib/chats/reads";
import { openApiDocument } from "@/lib/openapi";
import { guest, signedInUser, type TestCaller } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";

// Only accounts publish to search engines (issue 8, item 7).

const patch = (caller: TestCaller, id: string, body: unknown) =>
  callRoute(chatRoute.PATCH, {
    method: "PATCH",
    path: `/api/chats/${id}/`,
    params: { id },
    body,
    headers: caller.headers,
  });

async function stored(id: string, owner: Owner) {
  const { chat } = await getOwnedChatOrThrow({ id, owner });
  const { title, isShared, isDiscoverable, updatedAt } = chat;
  return { title, isShared, isDiscoverable, updatedAt: updatedAt.toISOString() };
}

describe("PATCH /api/chats/<id>/ from a guest with is_discoverable: true is 403, and nothing of it applies", () => {
  test.each([
    { is_discoverable: true },
    { is_shared: true, is_discoverable: true },
    { title: "After", is_shared: true, is_discoverable: true },
    { title: "After", is_discoverable: true },
  ])("%j", async (body) => {
    const visitor = guest();
    const chat = await newChat({ guestId: visitor.guestId }, "Before");
    const before = await stored(chat.id, { guestId: visitor.guestId });

    const response = await patch(visitor, chat.id, body);

    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      error: {
        code: "forbidden",
        message:
          "Only signed-in accounts can let search engines index a chat. Sign up to make it discoverable.",
      },
    });
    expect(await stored(chat.id, { guestId: visitor.guestId })).toEqual(before);
  });
});

test("a guest may still share, rename, and set is_discoverable: false", async () => {
  const visitor = guest();
  const chat = await newChat({ guestId: visitor.guestId }, "Before");
  const response = await patch(visitor, chat.id, {
    title: "After",
    is_shared: true,
    is_discoverable: false,
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({
    title: "After",
    is_shared: true,
    is_discoverable: false,
  });
  expect(await stored(chat.id, { guestId: visitor.guestId })).toMatchObject({
    title: "After",
    isShared: true,
    isDiscoverable: false,
  });
});

test("an account makes its shared chat discoverable, and can take it back", async () => {
  const user = await signedInUser("publisher");
  const chat = await newChat({ userId: user.userId });
  const on = await patch(user, chat.id, { is_shared: true, is_discoverable: true });
  expect(on.status).toBe(200);
  expect(await on.json()).toMatchObject({ is_shared: true, is_discoverable: true });
  expect(await stored(chat.id, { userId: user.userId })).toMatchObject({ isDiscoverable: true });

  const off = await patch(user, chat.id, { is_discoverable: false });
  expect(off.status).toBe(200);
  expect(await stored(chat.id, { userId: user.userId })).toMatchObject({ isDiscoverable: false });
});

test("the database itself refuses a discoverable guest chat", async () => {
  const chat = await newChat({ guestId: guest().guestId });
  const db = await getDb();
  await expect(
    db.execute(sql`update chats_chat set is_discoverable = true where id = ${chat.id}`),
  ).rejects.toThrow();
});

test("the OpenAPI document lists the 403 of PATCH and says why", () => {
  const responses = openApiDocument().paths["/api/chats/{id}/"].patch.responses as Record<
    string,
    { description: string }
  >;
  expect(responses[403]?.description).toMatch(/guest setting `is_discoverable: true`/);
});
