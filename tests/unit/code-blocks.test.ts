import { expect, test } from "vitest";
import { lastCodeBlock } from "@/lib/markdown/code-blocks";

// What Ctrl/Cmd+Shift+; copies from a reply (lib/markdown/code-blocks.ts).

test.each([
  {
    what: "the last of two fenced blocks, without its fence or language",
    markdown: "Try this:\n\n```python\nprint(1)\n```\n\nThen:\n\n```js\nconsole.log(2);\n```\n",
    code: "console.log(2);",
  },
  { what: "a tilde fence", markdown: "~~~\nls -la\n~~~", code: "ls -la" },
  { what: "indented code", markdown: "Run:\n\n    npm test\n", code: "npm test" },
  {
    what: "code inside a list item",
    markdown: "1. Install:\n\n   ```sh\n   npm i\n   ```\n2. Done.\n",
    code: "npm i",
  },
  { what: "a block of several lines", markdown: "```\na\n\nb\n```", code: "a\n\nb" },
])("$what", ({ markdown, code }) => {
  expect(lastCodeBlock(markdown)).toBe(code);
});

test("inline code and plain text are no code block", () => {
  expect(lastCodeBlock("Use `npm test` to run them.")).toBeNull();
  expect(lastCodeBlock("")).toBeNull();
});
