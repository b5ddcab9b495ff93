import { describe, expect, test, vi } from "vitest";
import * as messagesRoute from "@/app/api/chats/[id]/messages/route";
import * as chatRoute from "@/app/api/chats/[id]/route";
import * as checkRoute from "@/app/api/chats/[id]/share/check/route";
import * as rotateRoute from "@/app/api/chats/[id]/share/rotate/route";
import * as shareRoute from "@/app/api/chats/[id]/share/route";
import * as updateRoute from "@/app/api/chats/[id]/share/update/route";
import * as listRoute from "@/app/api/chats/route";
import * as continueRoute from "@/app/api/chats/share/[shareId]/continue/route";
import * as sharedRoute from "@/app/api/chats/share/[shareId]/route";
import * as sharePage from "@/app/chatbot/share/[shareId]/route";
import { getShareSnapshotByChat } from "@/db/queries/share-snapshots";
import { getPublicChat } from "@/lib/chats/public-chat";
import { guest, nobody, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";
import { chatDetail as detail } from "../helpers/share-calls";

// Snapshot and live share links (POST /api/chats/<id>/share/ with `mode` and `redact`,
// POST /api/chats/<id>/share/update/, `redacted` on the privacy check's findings): what
// the public sees through every door (the public API, the page, "continue"), and what
// the owner sees.

vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/cache")>()),
  cacheTag: () => {},
  cacheLife: () => {},
}));

const EMAIL = "jane.doe@gmail.com";
const KEY = "sk_live_CsMehGAkWvj7FAc9QeWJKY40";
const CARD = "4242 4242 4242 4242";
const REDACTED = "[redacted]";

// biome-ignore lint/suspicious/noExplicitAny: bodies are read as the test sees fit
type Json = Record<string, any>;
type Answer = { status: number; body: Json };

const answer = async (response: Response): Promise<Answer> => ({
  status: response.status,
  body: response.status === 204 ? {} : await response.json(),
});

const share = async (as: TestCaller, id: string, body: unknown) =>
  answer(
    await callRoute(shareRoute.POST, {
      path: `/api/chats/${id}/share/`,
      params: { id },
      headers: as.headers,
      body,
    }),
  );

const update = async (as: TestCaller, id: string, body: unknown = {}, method = "POST") => {
  const { POST, GET, PUT, PATCH, DELETE } = updateRoute;
  const handler = { POST, GET, PUT, PATCH, DELETE }[method] ?? POST;
  return answer(
    await callRoute(handler, {
      method,
      path: `/api/chats/${id}/share/update/`,
      params: { id },
      headers: as.headers,
      body: method === "POST" ? body : undefined,
    }),
  );
};

const check = async (as: TestCaller, id: string) =>
  (
    await answer(
      await callRoute(checkRoute.GET, {
        method: "GET",
        path: `/api/chats/${id}/share/check/`,
        params: { id },
        headers: as.headers,
      }),
    )
  ).body;

const rename = (as: TestCaller, id: string, title: string) =>
  callRoute(chatRoute.PATCH, {
    method: "PATCH",
    path: `/api/chats/${id}/`,
    params: { id },
    headers: as.headers,
    body: { title },
  });

const say = async (as: TestCaller, id: string, ...contents: string[]) =>
  (
    await callRoute(messagesRoute.POST, {
      path: `/api/chats/${id}/messages/`,
      params: { id },
      headers: as.headers,
      body: { messages: contents.map((content) => ({ message_type: "user", content })) },
    })
  ).json();

/** GET /api/chats/share/<share_id>/: the contract's public read. */
const publicRead = async (shareId: string) =>
  answer(
    await callRoute(sharedRoute.GET, {
      method: "GET",
      path: `/api/chats/share/${shareId}/`,
      params: { shareId },
    }),
  );

const page = async (shareId: string) => {
  const response = await sharePage.GET(
    new Request(`http://localhost:3000/chatbot/share/${shareId}`),
    { params: Promise.resolve({ shareId }) },
  );
  return { status: response.status, html: await response.text() };
};

const contents = (body: Json) => (body.messages as Json[]).map((m) => m.content);

/** An account's chat with a question and a reply, shared live. */
async function sharedChat(...messages: string[]) {
  const user = await signedInUser("snapshot");
  const created = await callRoute(listRoute.POST, {
    path: "/api/chats/",
    headers: user.headers,
    body: {
      title: "Learning the guitar",
      messages: (messages.length > 0 ? messages : ["How do I start?", "Learn three chords."]).map(
        (content, i) => ({ message_type: i % 2 ? "assistant" : "user", content }),
      ),
    },
  });
  const chat = (await created.json()) as Json;
  const shared = await share(user, chat.id, { is_shared: true });
  expect(shared.status).toBe(200);
  return { user, chat, shareId: chat.share_id as string };
}

describe("a snapshot link", () => {
  test("shows the chat as it was: later messages and a rename stay out, on every door", async () => {
    const { user, chat, shareId } = await sharedChat();
    const before = await publicRead(shareId);
    const snap = await share(user, chat.id, { mode: "snapshot" });
    expect(snap.status).toBe(200);
    expect(snap.body).toMatchObject({
      is_shared: true,
      share_id: shareId,
      share_mode: "snapshot",
      snapshot_at: expect.any(String),
      shared_at: expect.any(String),
    });

    await say(user, chat.id, "And then?");
    expect((await rename(user, chat.id, "Renamed since")).status).toBe(200);

    const read = await publicRead(shareId);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe("Learning the guitar");
    expect(contents(read.body)).toEqual(["How do I start?", "Learn three chords."]);
    expect(read.body.updated_at).toBe(snap.body.snapshot_at);
    // The contract's body, no more: the mode is the page's, not endpoint 10's.
    expect(Object.keys(read.body).sort()).toEqual([
      "created_at",
      "messages",
      "share_id",
      "title",
      "updated_at",
    ]);
    expect(read.body.messages).toEqual(before.body.messages);

    const view = await getPublicChat(shareId);
    expect(view).toMatchObject({
      title: "Learning the guitar",
      share_mode: "snapshot",
      snapshot_at: snap.body.snapshot_at,
    });
    expect(view?.messages).toHaveLength(2);

    const shown = await page(shareId);
    expect(shown.status).toBe(200);
    expect(shown.html).toContain("Learning the guitar");
    expect(shown.html).not.toContain("And then?");
    expect(shown.html).not.toContain("Renamed since");
    expect(shown.html).toMatch(/Snapshot taken <time datetime="[^"]+">[A-Z][a-z]+ \d+, \d{4}</);

    // The owner sees the chat as it is.
    const own = await detail(user, chat.id);
    expect(own.title).toBe("Renamed since");
    expect(contents(own)).toEqual(["How do I start?", "Learn three chords.", "And then?"]);
    expect(own).toMatchObject({ share_mode: "snapshot", snapshot_at: snap.body.snapshot_at });
  });

  test("share/update/ shows what came since, under the same link", async () => {
    const { user, chat, shareId } = await sharedChat();
    const snap = await share(user, chat.id, { mode: "snapshot" });
    await say(user, chat.id, "And then?");
    await rename(user, chat.id, "Renamed since");

    const updated = await update(user, chat.id);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      is_shared: true,
      share_id: shareId,
      share_url: `http://localhost:3000/chatbot/share/${shareId}`,
      share_mode: "snapshot",
      share_expires_at: null,
    });
    expect(Date.parse(updated.body.snapshot_at)).toBeGreaterThan(Date.parse(snap.body.snapshot_at));

    const read = await publicRead(shareId);
    expect(read.body.title).toBe("Renamed since");
    expect(contents(read.body)).toEqual(["How do I start?", "Learn three chords.", "And then?"]);
    expect(read.body.updated_at).toBe(updated.body.snapshot_at);
    expect((await page(shareId)).html).toContain("And then?");
    expect((await detail(user, chat.id)).snapshot_at).toBe(updated.body.snapshot_at);
  });

  test("live ↔ snapshot keeps the share_id; live drops the snapshot and follows the chat", async () => {
    const { user, chat, shareId } = await sharedChat();
    const snap = await share(user, chat.id, { mode: "snapshot" });
    expect(snap.body.share_id).toBe(shareId);
    await say(user, chat.id, "Later");
    expect(contents((await publicRead(shareId)).body)).not.toContain("Later");

    const live = await share(user, chat.id, { mode: "live" });
    expect(live.body).toMatchObject({
      is_shared: true,
      share_id: shareId,
      share_mode: "live",
      snapshot_at: null,
    });
    expect(await getShareSnapshotByChat({ chatId: chat.id })).toBeNull();
    expect(contents((await publicRead(shareId)).body)).toContain("Later");
    expect((await page(shareId)).html).not.toContain("Snapshot taken");

    // Sending "snapshot" again takes a fresh one.
    const again = await share(user, chat.id, { mode: "snapshot" });
    expect(again.body.share_id).toBe(shareId);
    await say(user, chat.id, "Later still");
    expect(contents((await publicRead(shareId)).body)).toEqual([
      "How do I start?",
      "Learn three chords.",
      "Later",
    ]);
  });

  test('"mode" shares a chat that was not shared, and a never-shared chat is live', async () => {
    const { user, chat, shareId } = await sharedChat();
    expect((await detail(user, chat.id)).share_mode).toBe("live");
    await share(user, chat.id, { is_shared: false });
    const snap = await share(user, chat.id, { mode: "snapshot" });
    expect(snap.body).toMatchObject({ is_shared: true, share_id: shareId, share_mode: "snapshot" });
    expect((await publicRead(shareId)).status).toBe(200);
  });

  test("sending snapshot again retakes it even when already a snapshot", async () => {
    const { user, chat, shareId } = await sharedChat();
    const first = await share(user, chat.id, { mode: "snapshot" });
    await say(user, chat.id, "More");
    const second = await share(user, chat.id, { mode: "snapshot" });
    expect(Date.parse(second.body.snapshot_at)).toBeGreaterThan(Date.parse(first.body.snapshot_at));
    expect(contents((await publicRead(shareId)).body)).toContain("More");
  });

  test("unshared and shared again, it keeps its mode and its snapshot; {} toggles as before", async () => {
    const { user, chat, shareId } = await sharedChat();
    const snap = await share(user, chat.id, { mode: "snapshot" });
    await say(user, chat.id, "Private afterthought");

    const off = await share(user, chat.id, {});
    expect(off.body).toMatchObject({
      is_shared: false,
      share_mode: "snapshot",
      snapshot_at: snap.body.snapshot_at,
    });
    expect((await publicRead(shareId)).status).toBe(404);

    const on = await share(user, chat.id, {});
    expect(on.body).toMatchObject({
      is_shared: true,
      share_id: shareId,
      share_mode: "snapshot",
      snapshot_at: snap.body.snapshot_at,
    });
    expect(contents((await publicRead(shareId)).body)).not.toContain("Private afterthought");

    // A PATCH re-share keeps it too.
    await share(user, chat.id, { is_shared: false });
    await callRoute(chatRoute.PATCH, {
      method: "PATCH",
      path: `/api/chats/${chat.id}/`,
      params: { id: chat.id },
      headers: user.headers,
      body: { is_shared: true },
    });
    expect((await detail(user, chat.id)).share_mode).toBe("snapshot");
    expect(contents((await publicRead(shareId)).body)).not.toContain("Private afterthought");
  });

  test("share/update/ works while unshared: the snapshot is what a re-share shows", async () => {
    const { user, chat, shareId } = await sharedChat();
    await share(user, chat.id, { mode: "snapshot" });
    await share(user, chat.id, { is_shared: false });
    await say(user, chat.id, "Added while private");
    const updated = await update(user, chat.id);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ is_shared: false, share_url: null, share_id: shareId });
    expect((await publicRead(shareId)).status).toBe(404);
    await share(user, chat.id, { is_shared: true });
    expect(contents((await publicRead(shareId)).body)).toContain("Added while private");
  });

  test("a rotation keeps the snapshot, under the new link", async () => {
    const { user, chat, shareId } = await sharedChat();
    const snap = await share(user, chat.id, { mode: "snapshot" });
    await say(user, chat.id, "After the snapshot");
    const rotated = await answer(
      await callRoute(rotateRoute.POST, {
        path: `/api/chats/${chat.id}/share/rotate/`,
        params: { id: chat.id },
        headers: user.headers,
      }),
    );
    expect(rotated.body).toMatchObject({
      share_mode: "snapshot",
      snapshot_at: snap.body.snapshot_at,
    });
    expect(rotated.body.share_id).not.toBe(shareId);
    expect((await publicRead(shareId)).status).toBe(404);
    const read = await publicRead(rotated.body.share_id);
    expect(contents(read.body)).toEqual(["How do I start?", "Learn three chords."]);
  });

  test("continue this conversation copies the snapshot, not the chat as it is", async () => {
    const { user, chat, shareId } = await sharedChat(`Mail me at ${EMAIL}`, "Sure.");
    await share(user, chat.id, { mode: "snapshot", redact: "all" });
    await say(user, chat.id, "Not in the snapshot");
    const reader = await signedInUser("reader");
    const copied = await answer(
      await callRoute(continueRoute.POST, {
        path: `/api/chats/share/${shareId}/continue/`,
        params: { shareId },
        headers: reader.headers,
      }),
    );
    expect(copied.status).toBe(201);
    expect(contents(copied.body)).toEqual([`Mail me at ${REDACTED}`, "Sure."]);
    expect(copied.body.title).toBe("Learning the guitar");
  });

  test("deleting the chat deletes its snapshot", async () => {
    const { user, chat, shareId } = await sharedChat();
    await share(user, chat.id, { mode: "snapshot" });
    expect(await getShareSnapshotByChat({ chatId: chat.id })).not.toBeNull();
    const deleted = await callRoute(chatRoute.DELETE, {
      method: "DELETE",
      path: `/api/chats/${chat.id}/`,
      params: { id: chat.id },
      headers: user.headers,
    });
    expect(deleted.status).toBe(204);
    expect(await getShareSnapshotByChat({ chatId: chat.id })).toBeNull();
    expect((await publicRead(shareId)).status).toBe(404);
  });

  test("every chat object carries share_mode, snapshot_at and shared_at", async () => {
    const user = await signedInUser("fields");
    const created = await (
      await callRoute(listRoute.POST, { path: "/api/chats/", headers: user.headers, body: {} })
    ).json();
    expect(created).toMatchObject({ share_mode: "live", snapshot_at: null, shared_at: null });
    const snap = await share(user, created.id, { mode: "snapshot" });
    const list = await (
      await callRoute(listRoute.GET, { path: "/api/chats/", headers: user.headers })
    ).json();
    expect(list.results[0]).toMatchObject({
      id: created.id,
      share_mode: "snapshot",
      snapshot_at: snap.body.snapshot_at,
      shared_at: snap.body.shared_at,
    });
    expect(Date.parse(snap.body.shared_at)).not.toBeNaN();
  });
});

describe("redaction", () => {
  async function riskyChat() {
    const { user, chat, shareId } = await sharedChat(
      `My key is ${KEY}, mail me at ${EMAIL}`,
      "Never paste a live key.",
    );
    await rename(user, chat.id, `Card ${CARD} question`);
    const findings = (await check(user, chat.id)).findings as Json[];
    expect(findings.map((f) => f.kind)).toEqual(["card", "api_key", "email"]);
    return { user, chat, shareId, findings };
  }

  const strip = ({ message_id, start, end }: Json) => ({ message_id, start, end });

  test('"all": every finding reads [redacted] in the shared copy, title included; the owner\'s chat is unchanged', async () => {
    const { user, chat, shareId } = await riskyChat();
    const snap = await share(user, chat.id, { mode: "snapshot", redact: "all" });
    expect(snap.status).toBe(200);
    const read = await publicRead(shareId);
    expect(read.body.title).toBe(`Card ${REDACTED} question`);
    expect(contents(read.body)).toEqual([
      `My key is ${REDACTED}, mail me at ${REDACTED}`,
      "Never paste a live key.",
    ]);
    const html = (await page(shareId)).html;
    expect(html).not.toContain(EMAIL);
    expect(html).not.toContain(KEY);
    expect(html).not.toContain(CARD);

    const own = await detail(user, chat.id);
    expect(own.title).toBe(`Card ${CARD} question`);
    expect(contents(own)[0]).toBe(`My key is ${KEY}, mail me at ${EMAIL}`);
    expect(((await check(user, chat.id)).findings as Json[]).map((f) => f.redacted)).toEqual([
      true,
      true,
      true,
    ]);
  });

  test("a list hides just those findings; the check marks just those redacted", async () => {
    const { user, chat, shareId, findings } = await riskyChat();
    const [card, key, email] = findings as [Json, Json, Json];
    const snap = await share(user, chat.id, { mode: "snapshot", redact: [strip(key)] });
    expect(snap.status).toBe(200);
    const read = await publicRead(shareId);
    expect(read.body.title).toBe(`Card ${CARD} question`);
    expect(contents(read.body)[0]).toBe(`My key is ${REDACTED}, mail me at ${EMAIL}`);
    const flags = ((await check(user, chat.id)).findings as Json[]).map((f) => f.redacted);
    expect(flags).toEqual([false, true, false]);

    // A message id in capitals is the same finding.
    await share(user, chat.id, {
      mode: "snapshot",
      redact: [
        strip(card),
        { ...strip(email), message_id: String(email.message_id).toUpperCase() },
      ],
    });
    const again = await publicRead(shareId);
    expect(again.body.title).toBe(`Card ${REDACTED} question`);
    expect(contents(again.body)[0]).toBe(`My key is ${KEY}, mail me at ${REDACTED}`);

    // [] and no redact both hide nothing.
    for (const body of [{ mode: "snapshot", redact: [] }, { mode: "snapshot" }]) {
      await share(user, chat.id, body);
      expect(contents((await publicRead(shareId)).body)[0]).toContain(KEY);
      expect(((await check(user, chat.id)).findings as Json[]).some((f) => f.redacted)).toBe(false);
    }
  });

  test("a title renamed since the snapshot: its finding is not the one hidden", async () => {
    const { user, chat } = await riskyChat();
    await share(user, chat.id, { mode: "snapshot", redact: "all" });
    // Another card at the very same place of a new title.
    await rename(user, chat.id, "Visa 5555 5555 5555 4444 problem");
    const flags = ((await check(user, chat.id)).findings as Json[]).map((f) => [
      f.kind,
      f.message_id === null,
      f.redacted,
    ]);
    expect(flags).toEqual([
      ["card", true, false],
      ["api_key", false, true],
      ["email", false, true],
    ]);
  });

  test("the check's findings are never redacted for a live link", async () => {
    const { user, chat } = await riskyChat();
    await share(user, chat.id, { mode: "snapshot", redact: "all" });
    await share(user, chat.id, { mode: "live" });
    expect(((await check(user, chat.id)).findings as Json[]).some((f) => f.redacted)).toBe(false);
  });

  test('share/update/ re-applies the stored choice: "all" hides every finding now', async () => {
    const { user, chat, shareId } = await riskyChat();
    await share(user, chat.id, { mode: "snapshot", redact: "all" });
    await say(user, chat.id, "Call me on +44 20 7946 0958");
    // Not in the snapshot yet: the check says so.
    const before = (await check(user, chat.id)).findings as Json[];
    expect(before.map((f) => [f.kind, f.redacted])).toEqual([
      ["card", true],
      ["api_key", true],
      ["email", true],
      ["phone", false],
    ]);
    expect((await update(user, chat.id)).status).toBe(200);
    expect(contents((await publicRead(shareId)).body).at(-1)).toBe(`Call me on ${REDACTED}`);
    expect(((await check(user, chat.id)).findings as Json[]).every((f) => f.redacted)).toBe(true);
  });

  test("share/update/ re-applies a list: those of its items still found", async () => {
    const { user, chat, shareId, findings } = await riskyChat();
    const [card, key] = findings as [Json, Json, Json];
    await share(user, chat.id, { mode: "snapshot", redact: [strip(card), strip(key)] });
    // The title changes: its finding is gone; the key stays where it was.
    await rename(user, chat.id, "A clean title");
    await say(user, chat.id, `Another mail: ${EMAIL}`);
    const updated = await update(user, chat.id, {});
    expect(updated.status).toBe(200);
    const read = await publicRead(shareId);
    expect(read.body.title).toBe("A clean title");
    expect(contents(read.body)).toEqual([
      `My key is ${REDACTED}, mail me at ${EMAIL}`,
      "Never paste a live key.",
      `Another mail: ${EMAIL}`,
    ]);
    const flags = ((await check(user, chat.id)).findings as Json[]).map((f) => [
      f.kind,
      f.redacted,
    ]);
    expect(flags).toEqual([
      ["api_key", true],
      ["email", false],
      ["email", false],
    ]);
  });

  test("share/update/ with redact replaces the choice", async () => {
    const { user, chat, shareId, findings } = await riskyChat();
    await share(user, chat.id, { mode: "snapshot", redact: "all" });
    const [, , email] = findings as [Json, Json, Json];
    const updated = await update(user, chat.id, { redact: [strip(email)] });
    expect(updated.status).toBe(200);
    const read = await publicRead(shareId);
    expect(read.body.title).toBe(`Card ${CARD} question`);
    expect(contents(read.body)[0]).toBe(`My key is ${KEY}, mail me at ${REDACTED}`);
    // And that choice is what a later update applies.
    await update(user, chat.id);
    expect(contents((await publicRead(shareId)).body)[0]).toBe(
      `My key is ${KEY}, mail me at ${REDACTED}`,
    );
  });
});

describe("refused, and nothing changes", () => {
  async function snapshotChat() {
    const { user, chat, shareId } = await sharedChat(`mail me at ${EMAIL}`, "ok");
    await share(user, chat.id, { mode: "snapshot" });
    await say(user, chat.id, "after");
    const state = {
      detail: await detail(user, chat.id),
      snapshot: await getShareSnapshotByChat({ chatId: chat.id }),
      read: (await publicRead(shareId)).body,
    };
    return { user, chat, shareId, state };
  }

  const unchanged = async (
    user: TestCaller,
    chat: Json,
    shareId: string,
    state: Awaited<ReturnType<typeof snapshotChat>>["state"],
  ) => {
    expect(await detail(user, chat.id)).toEqual(state.detail);
    expect(await getShareSnapshotByChat({ chatId: chat.id })).toEqual(state.snapshot);
    expect((await publicRead(shareId)).body).toEqual(state.read);
  };

  const finding = async (user: TestCaller, id: string) => {
    const [f] = (await check(user, id)).findings as Json[];
    if (!f) throw new Error("no finding");
    return { message_id: f.message_id, start: f.start, end: f.end };
  };

  test.each<[string, (f: Json) => unknown, string]>([
    ["a range that is not a finding", (f) => [{ ...f, end: f.end - 1 }], "redact.0"],
    ["the second item not a finding", (f) => [f, { ...f, message_id: null }], "redact.1"],
    ["an unknown message", (f) => [{ ...f, message_id: crypto.randomUUID() }], "redact.0"],
  ])("POST share/ with %s: 400 naming it", async (_label, items, path) => {
    const { user, chat, shareId, state } = await snapshotChat();
    const refused = await share(user, chat.id, {
      mode: "snapshot",
      redact: items(await finding(user, chat.id)),
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toEqual({
      code: "validation_error",
      message: expect.any(String),
      issues: [{ path, message: "Not a finding of the privacy check: check the chat again." }],
    });
    await unchanged(user, chat, shareId, state);
    const viaUpdate = await update(user, chat.id, { redact: items(await finding(user, chat.id)) });
    expect(viaUpdate.status).toBe(400);
    expect(viaUpdate.body.error.issues[0].path).toBe(path);
    await unchanged(user, chat, shareId, state);
  });

  test.each<[string, unknown, string]>([
    ["redact without mode", { redact: "all" }, "redact"],
    ["redact with mode live", { mode: "live", redact: [] }, "redact"],
    ["redact with is_shared true only", { is_shared: true, redact: "all" }, "redact"],
    ["a mode when unsharing", { is_shared: false, mode: "snapshot" }, "mode"],
    ["an unknown mode", { mode: "frozen" }, "mode"],
    ["redact of the wrong type", { mode: "snapshot", redact: "some" }, "redact"],
    ["redact an object", { mode: "snapshot", redact: { start: 0, end: 1 } }, "redact"],
    ["an item with no message_id", { mode: "snapshot", redact: [{ start: 0, end: 1 }] }, "redact"],
    [
      "an item with a bad message_id",
      { mode: "snapshot", redact: [{ message_id: "x", start: 0, end: 1 }] },
      "redact",
    ],
    [
      "an item with a negative start",
      { mode: "snapshot", redact: [{ message_id: null, start: -1, end: 1 }] },
      "redact",
    ],
    [
      "an item with an unknown field",
      { mode: "snapshot", redact: [{ message_id: null, start: 0, end: 1, kind: "email" }] },
      "redact",
    ],
    [
      "more than 500 items",
      {
        mode: "snapshot",
        redact: Array.from({ length: 501 }, () => ({ message_id: null, start: 0, end: 1 })),
      },
      "redact",
    ],
  ])("POST share/ with %s: 400 naming %s", async (_label, body, field) => {
    const { user, chat, shareId, state } = await snapshotChat();
    const refused = await share(user, chat.id, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_error");
    expect(
      (refused.body.error.issues as Json[]).every((i) => String(i.path).startsWith(field)),
    ).toBe(true);
    await unchanged(user, chat, shareId, state);
  });

  test.each<[string, unknown, string]>([
    ["an unknown field", { mode: "snapshot" }, "mode"],
    ["redact of the wrong type", { redact: 3 }, "redact"],
    ["a bad item", { redact: [{ message_id: null, start: "0", end: 1 }] }, "redact"],
  ])("POST share/update/ with %s: 400 naming it", async (_label, body, field) => {
    const { user, chat, shareId, state } = await snapshotChat();
    const refused = await update(user, chat.id, body);
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("validation_error");
    expect(String(refused.body.error.issues[0].path).startsWith(field)).toBe(true);
    await unchanged(user, chat, shareId, state);
  });

  test("share/update/ of a live link: 409 conflict", async () => {
    const { user, chat, shareId } = await sharedChat();
    const refused = await update(user, chat.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({
      code: "conflict",
      message:
        "This link is live: it always shows the chat as it is. Share it as a snapshot first.",
    });
    expect((await detail(user, chat.id)).share_mode).toBe("live");
    expect(await getShareSnapshotByChat({ chatId: chat.id })).toBeNull();
    expect((await publicRead(shareId)).status).toBe(200);
  });
});

describe("share/update/ answers only the owner", () => {
  async function snapshotOf() {
    const { user, chat, shareId } = await sharedChat();
    const snap = await share(user, chat.id, { mode: "snapshot" });
    await say(user, chat.id, "after the snapshot");
    return { user, chat, shareId, snap };
  }

  test.each([
    ["another user", () => signedInUser("other")],
    ["a guest", async () => guest("other")],
    ["nobody", async () => nobody],
  ])("%s: 404, and nothing changes", async (_label, makeCaller) => {
    const { user, chat, shareId, snap } = await snapshotOf();
    const stranger = await makeCaller();
    for (const body of [{}, { redact: "all" }]) {
      const refused = await update(stranger, chat.id, body);
      expect(refused.status).toBe(404);
      expect(refused.body.error).toEqual({ code: "not_found", message: "No such chat." });
    }
    const stolen = await share(stranger, chat.id, { mode: "live" });
    expect(stolen.status).toBe(404);
    expect((await detail(user, chat.id)).snapshot_at).toBe(snap.body.snapshot_at);
    expect(contents((await publicRead(shareId)).body)).not.toContain("after the snapshot");
  });

  test("junk ids: 404", async () => {
    const user = await signedInUser("update-junk");
    for (const id of ["not-a-uuid", crypto.randomUUID(), "", "' or 1=1 --"]) {
      expect((await update(user, id)).status).toBe(404);
    }
  });

  test("a cross-site request: 403, nothing changes", async () => {
    const { user, chat, snap } = await snapshotOf();
    const response = await callRoute(updateRoute.POST, {
      path: `/api/chats/${chat.id}/share/update/`,
      params: { id: chat.id },
      headers: { ...user.headers, origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      body: {},
    });
    expect(response.status).toBe(403);
    expect((await detail(user, chat.id)).snapshot_at).toBe(snap.body.snapshot_at);
  });

  test.each(["GET", "PUT", "PATCH", "DELETE"])("%s: 405", async (method) => {
    const { user, chat, snap } = await snapshotOf();
    const refused = await update(user, chat.id, undefined, method);
    expect(refused.status).toBe(405);
    expect(refused.body.error.code).toBe("method_not_allowed");
    expect((await detail(user, chat.id)).snapshot_at).toBe(snap.body.snapshot_at);
  });

  test("a bad item names its field", async () => {
    const { user, chat } = await snapshotOf();
    const refused = await update(user, chat.id, {
      redact: [{ message_id: "x", start: 0, end: 1 }],
    });
    expect(refused.body.error.issues).toEqual([
      { path: "redact.0.message_id", message: "Must be a UUID, or null for the title." },
    ]);
    const tooMany = await update(user, chat.id, {
      redact: Array.from({ length: 501 }, () => ({ message_id: null, start: 0, end: 1 })),
    });
    expect(tooMany.body.error.issues).toEqual([
      { path: "redact", message: "Send at most 500 findings." },
    ]);
  });
});
