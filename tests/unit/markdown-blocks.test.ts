import { expect, test } from "vitest";
import { splitBlocks } from "@/lib/markdown/blocks";

const reply = [
  "## Plan",
  "",
  "Practise **daily**.",
  "",
  "- one",
  "- two",
  "",
  "| a | b |",
  "|---|---|",
  "| 1 | 2 |",
  "",
  "```python",
  "print('hi')",
  "",
  "print('bye')",
  "```",
  "",
  "Done.",
].join("\n");

test("splits a reply into its top-level blocks, which join back into the text", () => {
  const blocks = splitBlocks(reply);
  expect(blocks.join("")).toBe(reply);
  expect(blocks.map((b) => b.trim().split("\n")[0])).toEqual([
    "## Plan",
    "Practise **daily**.",
    "- one",
    "| a | b |",
    "```python",
    "Done.",
  ]);
});

test("a code block with blank lines stays one block, also while its fence is open", () => {
  const streaming = "Intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n";
  const blocks = splitBlocks(streaming);
  expect(blocks.join("")).toBe(streaming);
  expect(blocks).toHaveLength(2);
  expect(blocks[1]).toContain("const b = 2;");
});

test("display math with blank lines inside stays one block", () => {
  const text = "Before\n\n$$\na = 1\n\nb = 2\n$$\n\nAfter";
  const blocks = splitBlocks(text);
  expect(blocks.join("")).toBe(text);
  expect(blocks.map((b) => b.trim())).toEqual(["Before", "$$\na = 1\n\nb = 2\n$$", "After"]);
});

test("finished blocks keep the same text as the reply grows", () => {
  const early = splitBlocks(reply.slice(0, reply.indexOf("| a |")));
  const later = splitBlocks(reply);
  expect(later.slice(0, early.length - 1)).toEqual(early.slice(0, -1));
});

test("reference definitions reach across blocks, so such text is not split", () => {
  const text = "See [the docs][1].\n\nMore.\n\n[1]: https://example.com";
  expect(splitBlocks(text)).toEqual([text]);
});

test("empty and whitespace-only text", () => {
  expect(splitBlocks("")).toEqual([""]);
  expect(splitBlocks("\n\n").join("")).toBe("\n\n");
});
