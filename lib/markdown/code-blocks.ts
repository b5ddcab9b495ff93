import { Lexer, type Token } from "marked";

// "Copy the last code block" (Ctrl/Cmd+Shift+;): the code as the reply shows it in its
// frame, found by the same lexer that splits replies into blocks (blocks.ts), so fences
// of either kind, indented code and code inside lists all count.

function* codeIn(tokens: Token[]): Generator<string> {
  for (const token of tokens) {
    // Indented code keeps the line break that ends it; fenced code does not.
    if (token.type === "code") yield token.text.replace(/\n+$/, "");
    if ("tokens" in token && token.tokens) yield* codeIn(token.tokens);
    if (token.type === "list") for (const item of token.items) yield* codeIn(item.tokens);
  }
}

/** The text of the markdown's last code block; null if it has none. */
export function lastCodeBlock(markdown: string): string | null {
  let last: string | null = null;
  for (const code of codeIn(Lexer.lex(markdown, { gfm: true }))) last = code;
  return last;
}
