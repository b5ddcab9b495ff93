import { ImageResponse } from "next/og";
import { createElement, type ReactElement } from "react";
import { afterEach, beforeEach, expect, test, vi } from "vitest";
import { ShareCard } from "@/lib/chats/og-card";

// The share page's Open Graph card, drawn by next/og as the route draws it, with every
// request to the network refused and recorded. next/og fetches a font from Google Fonts
// for any script its bundled font lacks, and an emoji image from a CDN: the card must
// make it do neither, whatever the chat says. (next/og loads its own wasm through
// fetch from data: URLs: those are let through.)
const realFetch = globalThis.fetch;
let requested: string[] = [];
beforeEach(() => {
  requested = [];
  vi.stubGlobal("fetch", async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    if (!url.startsWith("data:")) {
      requested.push(url);
      throw new Error(`network refused in tests: ${url}`);
    }
    return realFetch(input, init);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function draw(element: ReactElement) {
  const response = new ImageResponse(element, { width: 1200, height: 630 });
  const png = Buffer.from(await response.arrayBuffer());
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.readUInt32BE(16)).toBe(1200);
  return png;
}

const message = (message_type: "user" | "assistant", content: string) => ({
  id: crypto.randomUUID(),
  message_type,
  content,
  is_error: false,
  created_at: new Date(0).toISOString(),
});

test.each([
  ["emoji", "Learning chess 🎉♟️ 👩🏽‍💻 🇫🇷 1️⃣", "How do I start? 😀👍", "Play daily 🔥"],
  ["Chinese and Japanese", "学习国际象棋", "チェスを学びたい", "先学规则，然后每天下棋。"],
  ["Korean", "체스 배우기", "어떻게 시작하나요?", "규칙부터 배우세요."],
  ["Arabic and Hebrew", "تعلم الشطرنج", "كيف أبدأ؟", "ללמוד שחמט"],
  ["Devanagari, Bengali, Tamil, Thai", "शतरंज सीखना", "দাবা শিখতে চাই", "சதுரங்கம் / หมากรุก"],
  ["symbols and math", "Chess → mastery ∑ ∞ ✓ ★ ♞", "x² + y² ≤ 1 ⇒ ∀ε", "⌘ ⌥ ☃ ☂"],
  [
    "mixed with Latin",
    "Learning chess 学习 مرحبا नमस्ते",
    "How do I learn chess? 😀",
    "Start with the **rules**",
  ],
])("a chat in %s is drawn with no request to the network", async (_, title, question, answer) => {
  const chat = { title, messages: [message("user", question), message("assistant", answer)] };
  await draw(createElement(ShareCard, { chat }));
  expect(requested).toEqual([]);
});

test("the same text drawn as it is would reach the network (the refusal above is real)", async () => {
  const text = "Learning chess 🎉 学习 مرحبا नमस्ते";
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  await draw(createElement("div", { style: { display: "flex" } }, text)).catch(() => null);
  quiet.mockRestore();
  expect(requested.some((url) => url.includes("fonts.googleapis.com"))).toBe(true);
  expect(requested.some((url) => url.includes("twemoji"))).toBe(true);
});
