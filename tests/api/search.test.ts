import { describe, expect, test } from "vitest";
import * as searchRoute from "@/app/api/chats/search/route";
import { createChatWithMessages, moveGuestChatsToUser, type Owner } from "@/db/queries/chats";
import { guest, nobody, ownerOf, signedInUser, type TestCaller } from "../helpers/callers";
import { callRoute } from "../helpers/http";

// GET /api/chats/search/: full-text search of the caller's own titles and messages,
// ranked, keyset-paged, with plain-text snippets and highlight ranges; junk refused.

type Result = {
  chat_id: string;
  title: string;
  is_archived: boolean;
  message_id: string | null;
  snippet: string;
  highlights: [number, number][];
  created_at: string;
};
type Page = { results: Result[]; next_cursor: string | null };

const search = async (as: TestCaller, query: string) => {
  const response = await callRoute(searchRoute.GET, {
    method: "GET",
    path: `/api/chats/search/${query}`,
    headers: as.headers,
  });
  return { status: response.status, body: (await response.json()) as Page };
};
const q = (words: string, extra = "") => `?q=${encodeURIComponent(words)}${extra}`;

/** The highlighted words of a result, lower-cased. */
const marked = (r: Result) =>
  r.highlights.map(([start, end]) => r.snippet.slice(start, end).toLowerCase());

async function chat(owner: Owner, title: string, ...contents: string[]) {
  return createChatWithMessages({
    owner,
    title,
    messages: contents.map((content, i) => ({
      messageType: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
      content,
    })),
  });
}

describe.each([
  ["an account", () => signedInUser("search")],
  ["a guest", () => guest()],
])("search, for %s", (_label, caller) => {
  test("finds titles and messages, stemmed, ranked, with snippets and highlights", async () => {
    const me = await caller();
    const owner = ownerOf(me);
    const guitar = await chat(
      owner,
      "Guitar practice plan",
      "How should I **practise** barre chords on the guitar?",
      "Start with a partial barre on the first three strings, then add the rest.",
    );
    const sourdough = await chat(
      owner,
      "Bread",
      "My sourdough starter smells of acetone. Is it dead?",
      "No: it is hungry. Feed it twice a day for a few days.",
    );

    const title = await search(me, q("guitar"));
    expect(title.status).toBe(200);
    // The chat named after the word comes before the message that says it.
    expect(title.body.results.map((r) => [r.chat_id, r.message_id])).toEqual([
      [guitar.chat.id, null],
      [guitar.chat.id, guitar.messages[0]?.id],
    ]);
    const [byTitle, byMessage] = title.body.results;
    expect(byTitle).toMatchObject({
      title: "Guitar practice plan",
      snippet: "Guitar practice plan",
    });
    expect(byTitle?.created_at).toBe(guitar.chat.createdAt.toISOString());
    expect(marked(byTitle as Result)).toEqual(["guitar"]);
    // Plain text: markdown marks dropped, no HTML, and the range points at the word.
    expect(byMessage?.snippet).toBe("How should I practise barre chords on the guitar?");
    expect(marked(byMessage as Result)).toEqual(["guitar"]);
    expect(byMessage?.created_at).toBe(guitar.messages[0]?.createdAt.toISOString());

    // Stemming: "smelling" finds "smells"; a phrase and a negation, as in web search.
    expect((await search(me, q("smelling"))).body.results.map((r) => r.message_id)).toEqual([
      sourdough.messages[0]?.id,
    ]);
    expect((await search(me, q('"three strings"'))).body.results.map((r) => r.message_id)).toEqual([
      guitar.messages[1]?.id,
    ]);
    expect((await search(me, q("feed -sourdough"))).body.results).toHaveLength(1);
    expect((await search(me, q("sourdough -hungry"))).body.results).toHaveLength(1);
    // Nothing matches, or only stop words: an empty page, not an error.
    for (const words of ["kayak", "the of and"]) {
      expect(await search(me, q(words))).toEqual({
        status: 200,
        body: { results: [], next_cursor: null },
      });
    }
  });

  test("pages by keyset through every match once, best first", async () => {
    const me = await caller();
    const owner = ownerOf(me);
    // Ranks differ by how often the word appears; ties are broken by id.
    for (let i = 0; i < 7; i += 1) {
      await chat(owner, `Scales ${i}`, `${"arpeggio ".repeat(1 + (i % 3))}practice number ${i}`);
    }
    const everything = (await search(me, q("arpeggio", "&limit=50"))).body.results;
    expect(everything).toHaveLength(7);
    const seen: Result[] = [];
    let query = q("arpeggio", "&limit=3");
    for (let pages = 0; pages < 10; pages += 1) {
      const page = await search(me, query);
      expect(page.status).toBe(200);
      seen.push(...page.body.results);
      if (!page.body.next_cursor) break;
      query = q("arpeggio", `&limit=3&cursor=${page.body.next_cursor}`);
    }
    expect(seen.map((r) => r.message_id)).toEqual(everything.map((r) => r.message_id));
  });
});

test("only the caller's chats are searched; a visitor with no identity finds nothing", async () => {
  const me = await signedInUser("search-mine");
  const other = await signedInUser("search-theirs");
  const visitor = guest();
  await chat(ownerOf(me), "Mine", "watercolour wet on wet");
  await chat(ownerOf(other), "Theirs", "watercolour glazing");
  await chat(ownerOf(visitor), "Guest", "watercolour pigments");
  for (const [as, expected] of [
    [me, ["Mine"]],
    [other, ["Theirs"]],
    [visitor, ["Guest"]],
    [nobody, []],
    [guest(), []],
  ] as const) {
    const page = await search(as, q("watercolour"));
    expect(page.status).toBe(200);
    expect(page.body.results.map((r) => r.title)).toEqual(expected);
  }
});

test("a guest who signs in finds their guest chats' messages as the account", async () => {
  const visitor = guest();
  const { chat: theirs } = await chat(ownerOf(visitor), "Pottery", "centering clay on the wheel");
  const me = await signedInUser("search-moved");
  expect((await search(me, q("clay"))).body.results).toEqual([]);
  await moveGuestChatsToUser({ guestId: visitor.guestId, userId: me.userId });
  expect((await search(me, q("clay"))).body.results.map((r) => r.chat_id)).toEqual([theirs.id]);
  expect((await search(visitor, q("clay"))).body.results).toEqual([]);
});

test("archived chats are found too, and say so", async () => {
  const me = await signedInUser("search-archived");
  const { chat: archived } = await chat(ownerOf(me), "Calligraphy", "brush pen strokes");
  await chat(ownerOf(me), "Calligraphy again", "ink and paper");
  const { updateOwnedChat } = await import("@/db/queries/chats");
  await updateOwnedChat({ id: archived.id, owner: ownerOf(me), changes: { isArchived: true } });
  const found = (await search(me, q("calligraphy"))).body.results;
  expect(Object.fromEntries(found.map((r) => [r.title, r.is_archived]))).toEqual({
    Calligraphy: true,
    "Calligraphy again": false,
  });
});

test("junk is refused with 400", async () => {
  const me = await signedInUser("search-junk");
  for (const query of [
    "",
    "?q=",
    "?q=%20%20%20",
    `?q=${"a".repeat(201)}`,
    "?q=x&limit=0",
    "?q=x&limit=51",
    "?q=x&limit=ten",
    "?q=x&cursor=nope",
    `?q=x&cursor=${Buffer.from(JSON.stringify(["high", "x"])).toString("base64url")}`,
    "?q=x&sort=date",
  ]) {
    const response = await search(me, query);
    expect(response.status, query).toBe(400);
    expect((response.body as unknown as { error: { code: string } }).error.code).toBe(
      "validation_error",
    );
  }
  // Operators and quotes that are not valid tsquery syntax are only words to search.
  for (const words of ["a & b | !c", "'; drop table chats_chat; --", '"unclosed', "(((", "<->"]) {
    expect((await search(me, q(words))).status, words).toBe(200);
  }
  const { POST, PUT, PATCH, DELETE } = searchRoute;
  for (const [method, handler] of Object.entries({ POST, PUT, PATCH, DELETE })) {
    const response = await callRoute(handler, {
      method,
      path: "/api/chats/search/?q=x",
      headers: me.headers,
    });
    expect(response.status, method).toBe(405);
  }
});
