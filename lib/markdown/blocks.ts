import { Lexer } from "marked";

// A streaming reply re-renders on every chunk. Split into its top-level blocks, only
// the block being written changes; the finished ones keep their text and so their
// memoized render. marked's lexer is used only to find where blocks end: rendering is
// react-markdown's, on each block's own text.

// Reference-style link and footnote definitions reach across blocks: such text stays whole.
const CROSS_BLOCK_DEFINITION = /^ {0,3}\[[^\]\n]+\]:/m;

function countDisplayMathFences(text: string): number {
  return text.match(/\$\$/g)?.length ?? 0;
}

/** The markdown's top-level blocks; joined, they are the text again. */
export function splitBlocks(markdown: string): string[] {
  if (markdown === "" || CROSS_BLOCK_DEFINITION.test(markdown)) return [markdown];
  const blocks: string[] = [];
  let open = "";
  for (const token of Lexer.lex(markdown, { gfm: true })) {
    open += token.raw;
    // A $$…$$ block with blank lines in it is several paragraphs to marked: keep them
    // together until the fence closes. Blank lines between blocks open the next one.
    if (countDisplayMathFences(open) % 2 === 1 || token.type === "space") continue;
    blocks.push(open);
    open = "";
  }
  if (open !== "") {
    if (blocks.length > 0 && open.trim() === "") blocks[blocks.length - 1] += open;
    else blocks.push(open);
  }
  return blocks;
}
