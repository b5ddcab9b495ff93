import type { Root } from "hast";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import type { ReactNode } from "react";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { createHighlighterCore, type HighlighterCore } from "shiki/core";
import { createJavaScriptRegexEngine } from "shiki/engine/javascript";
import { type BundledLanguage, bundledLanguages } from "shiki/langs";
import { bundledThemes } from "shiki/themes";

// Syntax colours for code blocks, the same on the server (shared pages: highlighted in
// the HTML) and in the browser (chats: loaded on first use, then each language on its
// own). The JavaScript regex engine needs no WebAssembly download. One dark theme, as
// code blocks are dark in both colour schemes; github-dark-default keeps even comments
// above 4.5:1 against the block's background.

const THEME = "github-dark-default";
// Past this, colouring costs more than it gives, and the JS engine can get slow.
const MAX_CHARS = 20_000;

let highlighter: Promise<HighlighterCore> | null = null;

function getHighlighter(): Promise<HighlighterCore> {
  highlighter ??= createHighlighterCore({
    themes: [bundledThemes[THEME]()],
    langs: [],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  return highlighter;
}

function bundledLanguage(language: string): BundledLanguage | null {
  const id = language.toLowerCase();
  return Object.hasOwn(bundledLanguages, id) ? (id as BundledLanguage) : null;
}

/** The code as a tree of coloured spans, or null when it is shown plain. */
export async function highlightToHast(code: string, language: string): Promise<Root | null> {
  const id = bundledLanguage(language);
  if (!id || code.length > MAX_CHARS) return null;
  try {
    const shiki = await getHighlighter();
    if (!shiki.getLoadedLanguages().includes(id)) await shiki.loadLanguage(bundledLanguages[id]);
    // "inline": just the coloured spans and <br>s, to go inside our own <pre><code>.
    return shiki.codeToHast(code, { lang: id, theme: THEME, structure: "inline" });
  } catch {
    // A grammar the JS engine cannot run: plain text is still right.
    return null;
  }
}

export function hastToReact(tree: Root): ReactNode {
  return toJsxRuntime(tree, { Fragment, jsx, jsxs });
}

/** The code as coloured spans, or null when the language is unknown (shown plain). */
export async function highlightCode(code: string, language: string): Promise<ReactNode | null> {
  const tree = await highlightToHast(code, language);
  return tree ? hastToReact(tree) : null;
}
