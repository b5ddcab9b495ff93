import type { Element, Root } from "hast";
import katex, { type KatexOptions } from "katex";
import { SKIP, visit } from "unist-util-visit";
import { classesOf, textOf } from "./hast";

// Math typeset by KaTeX, kept as KaTeX's HTML string on one holder element
// (`MATH_HTML`), which the markdown components render with dangerouslySetInnerHTML.
// rehype-katex instead parses that HTML back into a tree of a hundred-odd elements per
// formula: each then costs a React element on the server, its bytes in the page's RSC
// payload, and a fiber to hydrate in the browser. As a string it is one element.
//
// The string is as safe as what rehype-katex inserts (it is the same HTML): KaTeX
// escapes the formula's text, and with trust: false renders \href, \url, \htmlClass and
// the like as plain text. Markdown cannot set the holder's property itself: raw HTML is
// never parsed, so only this plugin makes elements with it.

/** The holder's hast property (data-math-html) with KaTeX's HTML. */
export const MATH_HTML = "dataMathHtml";

function holder(tex: string, displayMode: boolean, options: KatexOptions): Element {
  // throwOnError false: what KaTeX refuses shows as its source, in options.errorColor.
  const html = katex.renderToString(tex, { ...options, displayMode, throwOnError: false });
  return {
    type: "element",
    tagName: displayMode ? "div" : "span",
    properties: { [MATH_HTML]: html },
    children: [],
  };
}

/** remark-math's `code.language-math` (in a `pre` when displayed), typeset by KaTeX. */
export function rehypeKatexHtml(options: KatexOptions) {
  return (tree: Root) => {
    visit(tree, "element", (node, index, parent) => {
      if (!parent || index === undefined) return;
      let display: boolean;
      let source: Element;
      if (node.tagName === "pre") {
        const code = node.children.find(
          (c): c is Element => c.type === "element" && c.tagName === "code",
        );
        if (!code || !classesOf(code).includes("language-math")) return;
        display = true;
        source = code;
      } else if (node.tagName === "code" && classesOf(node).includes("language-math")) {
        display = classesOf(node).includes("math-display");
        source = node;
      } else return;
      parent.children.splice(index, 1, holder(textOf(source), display, options));
      return [SKIP, index + 1];
    });
  };
}
