import type { Element, ElementContent, Root } from "hast";
import { toHtml } from "hast-util-to-html";
import { urlAttributes } from "html-url-attributes";
import { sanitizeUri } from "micromark-util-sanitize-uri";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { SKIP, visit } from "unist-util-visit";
import { VFile } from "vfile";
import { codeOf, element, text } from "./hast";
import { highlightToHast } from "./highlight";
import { MATH_HTML } from "./katex-html";
import {
  CODE_FRAME_CLASS,
  COPY_CODE_CLASS,
  COPY_CODE_LABEL,
  LINK_ATTRIBUTES,
  TABLE_WRAPPER_CLASS,
} from "./markup";
import { rehypePlugins, remarkPlugins } from "./plugins";
import { icon } from "./svg-icons";

// Markdown as an HTML string, for pages that ship no React (shared pages): the same
// pipeline and the same safety as react-markdown in components/markdown/ (the XSS tests
// run against both). As there, raw HTML in the text becomes text, unsafe URLs come out
// empty, and the only markup not made from the text is KaTeX's own HTML (katex-html.ts)
// and Shiki's colouring. Code frames carry a Copy button that the page's script runs
// (lib/share/page-script.ts): it copies the text of the frame's <code>.

const processor = unified()
  .use(remarkParse)
  .use(remarkPlugins)
  // As react-markdown does: raw HTML is kept as `raw` nodes, then made text below.
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypePlugins);

// The protocols react-markdown's defaultUrlTransform lets through (the chat's renderer);
// any other comes out empty. (Imported from react-markdown, it would bring React along.)
const SAFE_PROTOCOL = /^(https?|ircs?|mailto|xmpp)$/i;

/** react-markdown's own pass: raw HTML as text, every URL attribute made safe. */
function neutralise(tree: Root) {
  visit(tree, (node, index, parent) => {
    if (node.type === "raw" && parent && index !== undefined) {
      parent.children[index] = { type: "text", value: node.value };
      return;
    }
    if (node.type !== "element") return;
    for (const [key, tags] of Object.entries(urlAttributes)) {
      if (Object.hasOwn(node.properties, key) && (tags === null || tags.includes(node.tagName)))
        node.properties[key] = sanitizeUri(String(node.properties[key] || ""), SAFE_PROTOCOL);
    }
  });
}

function copyButton(): Element {
  return element(
    "button",
    {
      type: "button",
      ariaLabel: "Copy code",
      title: "Copy code",
      className: COPY_CODE_CLASS,
      dataCopyCode: "",
    },
    [
      // The script shows Check instead of Copy for a moment after a copy.
      icon("copy", 14),
      icon("check", 14, { hidden: true }),
      element("span", { ariaLive: "polite" }, [text(COPY_CODE_LABEL.idle)]),
    ],
  );
}

async function codeFrame(pre: Element): Promise<Element> {
  const { code, language } = codeOf(pre);
  const coloured = language ? await highlightToHast(code, language) : null;
  return element("div", { className: CODE_FRAME_CLASS.frame, dataCodeFrame: "" }, [
    element("div", { className: CODE_FRAME_CLASS.bar }, [
      element("span", { className: CODE_FRAME_CLASS.language }, [text(language || "code")]),
      copyButton(),
    ]),
    element("pre", { className: CODE_FRAME_CLASS.pre }, [
      element("code", {}, (coloured?.children as ElementContent[] | undefined) ?? [text(code)]),
    ]),
  ]);
}

/** What markdown-config.tsx's components do, on the tree: links, images, tables, math, code. */
async function dress(tree: Root) {
  const frames: Promise<void>[] = [];
  visit(tree, "element", (node, index, parent) => {
    if (!parent || index === undefined) return;
    const math = node.properties[MATH_HTML];
    if (typeof math === "string") {
      parent.children[index] = element(node.tagName, {}, [{ type: "raw", value: math }]);
      return SKIP;
    }
    if (node.tagName === "a") {
      node.properties = { ...node.properties, ...element("a", LINK_ATTRIBUTES).properties };
    } else if (node.tagName === "img") {
      const src = typeof node.properties.src === "string" ? node.properties.src : "";
      const alt = typeof node.properties.alt === "string" ? node.properties.alt : "";
      parent.children[index] = src
        ? element("a", { href: src, ...LINK_ATTRIBUTES }, [text(`Image: ${alt || src}`)])
        : element("span", {}, alt ? [text(`Image: ${alt}`)] : []);
      return SKIP;
    } else if (node.tagName === "table") {
      parent.children[index] = element("div", { className: TABLE_WRAPPER_CLASS }, [node]);
      return SKIP;
    } else if (node.tagName === "pre") {
      frames.push(
        codeFrame(node).then((frame) => {
          parent.children[parent.children.indexOf(node)] = frame;
        }),
      );
      return SKIP;
    }
  });
  await Promise.all(frames);
}

/** A message's markdown as HTML, in the `markdown` wrapper the stylesheet expects. */
export async function markdownToHtml(markdown: string): Promise<string> {
  // The file carries the source, which remarkMathGuards reads.
  const file = new VFile(markdown);
  const tree = (await processor.run(processor.parse(file), file)) as Root;
  neutralise(tree);
  await dress(tree);
  // Raw nodes now are KaTeX's HTML only: every raw node from the text became text above.
  return `<div class="markdown">${toHtml(tree, { allowDangerousHtml: true })}</div>`;
}
