import { plainText } from "./plain-text";

// Must match HIGHLIGHT_START / HIGHLIGHT_END of db/queries/chat-search.ts (this file is
// also used where server-only modules cannot be imported).
const START = "\u0001";
const END = "\u0002";

/**
 * A headline from ts_headline, with each match between START and END, as the API gives
 * it: plain text (markdown marks dropped, whitespace collapsed) and the [start, end)
 * ranges of the matches in it, so clients highlight without parsing any markup.
 */
export function toSnippet(headline: string): { snippet: string; highlights: [number, number][] } {
  const text = plainText(headline);
  let snippet = "";
  const highlights: [number, number][] = [];
  let open: number | null = null;
  for (const char of text) {
    if (char === START) open = snippet.length;
    else if (char === END) {
      if (open !== null && snippet.length > open) highlights.push([open, snippet.length]);
      open = null;
    } else snippet += char;
  }
  return { snippet, highlights };
}
