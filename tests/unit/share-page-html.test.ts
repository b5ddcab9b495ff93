import { describe, expect, test } from "vitest";
import type { PublicChat } from "@/lib/chats/public-chat";
import { shareNotFoundHtml, sharePageHtml } from "@/lib/share/page-html";
import { PAGE_SCRIPT } from "@/lib/share/page-script";
import { STYLE_SOURCE_PAGE, stylesheetsIn } from "@/lib/share/stylesheets";

// The shared page as HTML without React: what a reader and a crawler get, and that no
// text of the chat ever becomes markup.

const hostile = "</title><script>alert(1)</script>";
const chat: PublicChat = {
  share_id: "AbCdEfGhIjKlMnOpQrStUv",
  title: `Learning ${hostile}`,
  created_at: "2026-11-01T10:00:00.000Z",
  updated_at: "2026-11-02T10:00:00.000Z",
  shared_at: "2026-11-03T10:00:00.000Z",
  share_expires_at: null,
  share_mode: "live",
  snapshot_at: null,
  is_discoverable: true,
  messages: [
    {
      id: "00000000-0000-4000-8000-000000000001",
      message_type: "user",
      content: `How do I escape ${hostile}?`,
      is_error: false,
      created_at: "2026-11-01T10:00:00.000Z",
    },
    {
      id: "00000000-0000-4000-8000-000000000002",
      message_type: "assistant",
      content: "Use **entities**, and never `innerHTML`.",
      is_error: false,
      created_at: "2026-11-01T10:00:01.000Z",
    },
  ],
} as PublicChat;

/**
 * The script tags of a document. Quoted attribute values are left out: in one, only `"`
 * and `&` mean anything (the serialiser escapes both), so a `<` there is text.
 */
const scripts = (html: string) =>
  [...html.replace(/="[^"]*"/g, '=""').matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);

describe("sharePageHtml", () => {
  test("the conversation, its metadata and the stylesheets, with every text escaped", async () => {
    const html = await sharePageHtml(chat, ["/_next/static/chunks/a.css"]);
    expect(html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(html).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css">');
    expect(html).toContain(
      "<title>Learning &#x3C;/title>&#x3C;script>alert(1)&#x3C;/script> · SkillMate Chats</title>",
    );
    expect(html).toContain('<meta name="robots" content="index, follow">');
    expect(html).toContain("<strong>entities</strong>");
    expect(html).toContain(`data-continue="${chat.share_id}"`);
    // The JSON-LD and the buttons' script: nothing from the chat opened a script.
    expect(scripts(html)).toEqual(['<script type="">', "<script>"]);
    const ld = html.match(/<script type="application\/ld\+json">(.*?)<\/script>/)?.[1] ?? "";
    expect(ld).not.toContain("<");
    expect(JSON.parse(ld).headline).toBe(chat.title);
    expect(html).toContain("2 messages");
  });

  test('a snapshot link says "Snapshot taken <date>"; a live one says nothing of it', async () => {
    expect(await sharePageHtml(chat, [])).not.toContain("Snapshot taken");
    const html = await sharePageHtml(
      {
        ...chat,
        share_mode: "snapshot",
        snapshot_at: "2026-11-04T23:30:00.000Z",
        updated_at: "2026-11-04T23:30:00.000Z",
      },
      [],
    );
    expect(html).toContain(
      'Snapshot taken <time datetime="2026-11-04T23:30:00.000Z">November 4, 2026</time>',
    );
  });

  test("a chat not discoverable is noindex and has no JSON-LD", async () => {
    const html = await sharePageHtml({ ...chat, is_discoverable: false }, []);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(scripts(html)).toEqual(["<script>"]);
  });
});

test("the not-found page is noindex and says why", () => {
  const html = shareNotFoundHtml(["/s.css"]);
  expect(html).toContain("<title>Chat not found · SkillMate Chats</title>");
  expect(html).toContain('<meta name="robots" content="noindex, nofollow">');
  expect(html).toContain("no longer shared");
  expect(scripts(html)).toEqual([]);
});

test("stylesheets come from the chat page's entry in the build's manifest", () => {
  const entry = (files: string[]) => files.map((path) => ({ path, inlined: false }));
  const script = `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};
globalThis.__RSC_MANIFEST[${JSON.stringify(STYLE_SOURCE_PAGE)}] = ${JSON.stringify({
    entryCSSFiles: {
      "[project]/app/layout": entry(["static/chunks/app.css"]),
      [`[project]/app${STYLE_SOURCE_PAGE}`]: entry([
        "static/chunks/app.css",
        "static/chunks/katex.css",
      ]),
    },
  })};`;
  expect(stylesheetsIn(script)).toEqual([
    "/_next/static/chunks/app.css",
    "/_next/static/chunks/katex.css",
  ]);
  expect(stylesheetsIn("globalThis.__RSC_MANIFEST = {};")).toEqual([]);
});

test("the page's script is valid JavaScript that reads nothing from the app's modules", () => {
  // Parsed, not run: it needs a document. copyText is spliced in by its source.
  expect(() => new Function(PAGE_SCRIPT)).not.toThrow();
  expect(PAGE_SCRIPT).not.toMatch(/\b(import|require)\b|__name\(/);
});
