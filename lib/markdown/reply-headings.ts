import type { Root } from "hast";
import { visit } from "unist-util-visit";

// A message's headings are sections of the page it is on, below its title (the page's
// one h1): every one becomes an h2, so that the levels a writer picks freely (a reply
// that opens with ###, as models' often do) never skip one between the page's h1 and
// them (WCAG 1.3.1; axe's heading-order). data-level keeps the level written, which sets
// its size (app/globals.css).

const HEADING = /^h([1-6])$/;

export function rehypeReplyHeadings() {
  return (tree: Root) => {
    visit(tree, "element", (node) => {
      const level = HEADING.exec(node.tagName)?.[1];
      if (!level) return;
      node.tagName = "h2";
      node.properties.dataLevel = level;
    });
  };
}
