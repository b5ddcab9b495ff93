import { sql } from "drizzle-orm";
import { expect, test } from "vitest";
import * as chatRoute from "@/app/api/chats/[id]/route";
import { getDb } from "@/db/client";
import { getOwnedChatWithMessagesOrThrow } from "@/db/queries/chats";
import { guest, signedInUser, type TestCaller } from "../helpers/callers";
import { newChat } from "../helpers/chats";
import { callRoute } from "../helpers/http";

const patch = (caller: TestCaller, id: string, body: unknown) =>
  callRoute(chatRoute.PATCH, {
    method: "PATCH",
    path: `/api/chats/${id}/`,
    params: { id },
    body,
    headers: caller.headers,
  });

test("a guest cannot make a chat discoverable: 403 with the reason, and nothing of the PATCH applies", async () => {
  const visitor = guest();
  const chat = await newChat({ guestId: visitor.guestId }, "Before");
  const response = await patch(visitor, chat.id, {
    title: "After",
    is_shared: true,
    is_discoverable: true,
  });
  expect(response.status).toBe(403);
  const body = await response.json();
  expect(body.error.code).toBe("forbidden");
  expect(body.error.message).toMatch(/^Only signed-in accounts can let search engines index/);
  const { chat: after } = await getOwnedChatWithMessagesOrThrow({
    id: chat.id,
    owner: { guestId: visitor.guestId },
  });
  expect(after).toMatchObject({ title: "Before", isShared: false, isDiscoverable: false });

  // Turning it off (what it already is) is fine, and so is sharing.
  const ok = await patch(visitor, chat.id, { is_shared: true, is_discoverable: false });
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ is_shared: true, is_discoverable: false });
});

test("an account makes its chat discoverable", async () => {
  const user = await signedInUser("publisher");
  const chat = await newChat({ userId: user.userId });
  const response = await patch(user, chat.id, { is_shared: true, is_discoverable: true });
  expect(response.status).toBe(200);
  expect(await response.json()).toMatchObject({ is_shared: true, is_discoverable: true });
});

test("the database itself refuses a discoverable guest chat", async () => {
  const chat = await newChat({ guestId: guest().guestId });
  const db = await getDb();
  await expect(
    db.execute(sql`update chats_chat set is_discoverable = true where id = ${chat.id}`),
  ).rejects.toThrow();
});
