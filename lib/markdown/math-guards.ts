import type { Root, Text } from "mdast";
import { visit } from "unist-util-visit";
import type { VFile } from "vfile";

// Guards on what remark-math reads as a formula, before KaTeX sees it.
//
// remark-math takes any `$…$` pair as math, so "from $5 to $10" became a formula. Single
// dollars follow pandoc's rule here: the math may not start or end with a space, and the
// closing dollar may not be followed by a digit. What fails it is text again.
//
// A formula longer than MAX_FORMULA_CHARS is shown as its source, in code: KaTeX's time
// and output grow with it, and no lesson needs one that long.

export const MAX_FORMULA_CHARS = 2_000;

export function remarkMathGuards() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, ["inlineMath", "math"], (node, index, parent) => {
      if (!parent || index === undefined) return;
      if (node.type !== "inlineMath" && node.type !== "math") return;
      if (node.value.length > MAX_FORMULA_CHARS) {
        parent.children[index] =
          node.type === "math"
            ? { type: "code", lang: "latex", value: node.value, position: node.position }
            : { type: "inlineCode", value: node.value, position: node.position };
        return;
      }
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (node.type !== "inlineMath" || start === undefined || end === undefined) return;
      const raw = source.slice(start, end);
      if (raw.startsWith("$$")) return;
      const money = /^\s|\s$/.test(raw.slice(1, -1)) || /^\d/.test(source.slice(end, end + 1));
      if (!money) return;
      const text: Text = { type: "text", value: raw, position: node.position };
      parent.children[index] = text;
    });
  };
}
