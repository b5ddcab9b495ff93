import { expect, test } from "vitest";
import { titleFromMessage } from "@/lib/chats/title";

test.each([
  ["How do I juggle?", "How do I juggle?"],
  ["  lots   of\n\nspace\there  ", "lots of space here"],
  ["# Learn **Rust** _fast_", "Learn Rust fast"],
  ["See [the docs](https://example.com) and `cargo new`", "See the docs and cargo new"],
  ["> quoted\n- item one\n- item two", "quoted item one item two"],
  ["```\n```", "New chat"],
  ["![](img.png)", "New chat"],
  [
    "I want to learn how to play the guitar well enough to join a band by next summer",
    "I want to learn how to play the guitar well enough to join…",
  ],
  ["x".repeat(80), `${"x".repeat(59)}…`],
])("%j → %j", (input, expected) => {
  const title = titleFromMessage(input);
  expect(title).toBe(expected);
  expect(title.length).toBeLessThanOrEqual(60);
});
