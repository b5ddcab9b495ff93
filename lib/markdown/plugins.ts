import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { PluggableList } from "unified";
import { rehypeKatexHtml } from "./katex-html";
import { remarkMathGuards } from "./math-guards";
import { rehypeReplyHeadings } from "./reply-headings";

// The markdown every renderer here understands: react-markdown's (the chat,
// components/markdown/) and the HTML one (shared pages, ./to-html.ts).

export const remarkPlugins: PluggableList = [remarkGfm, remarkMath, remarkMathGuards];

export const rehypePlugins: PluggableList = [
  rehypeReplyHeadings,
  [
    rehypeKatexHtml,
    // errorColor: what KaTeX refuses (an untrusted \href, say) is shown in a colour the
    // page sets for light and dark, readable on both.
    {
      trust: false,
      strict: "ignore",
      maxSize: 20,
      maxExpand: 200,
      errorColor: "var(--katex-error)",
    },
  ],
];
