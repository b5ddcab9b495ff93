import type { Element } from "hast";
import "katex/dist/katex.min.css";
import { createElement, type HTMLAttributes } from "react";
import type { Components, Options } from "react-markdown";
import { defaultUrlTransform } from "react-markdown";
import { MATH_HTML } from "@/lib/markdown/katex-html";
import { LINK_ATTRIBUTES, TABLE_WRAPPER_CLASS } from "@/lib/markdown/markup";
import { rehypePlugins, remarkPlugins } from "@/lib/markdown/plugins";

// What the chat's two React renderers (markdown.tsx in the browser, static-markdown.tsx
// on the server) render alike; shared pages render the same as HTML (lib/markdown/to-html.ts).
//
// Assistant replies and shared chats are untrusted text. Raw HTML is never parsed (no
// rehype-raw: react-markdown then shows it as text), and the default urlTransform
// stays in place, so javascript: and other unsafe URLs come out empty. Images are never
// loaded: an image in a message is a link to it, so that whoever wrote the text cannot
// track who reads it (the CSP blocks remote images anyway: a link beats a broken image).
// KaTeX runs untrusted: \href, \url, \htmlClass and the like render as plain text, and
// its size and macro-expansion limits keep a formula from freezing the page.

/** The options every markdown renderer here passes to react-markdown, beside its components. */
export const markdownOptions = {
  remarkPlugins,
  rehypePlugins,
  urlTransform: defaultUrlTransform,
} satisfies Options;

/**
 * The component for `Tag`: a math holder that lib/markdown/katex-html.ts made (and
 * nothing else) carries HTML, KaTeX's own; any other element is rendered as it is.
 */
function mathOr(Tag: "span" | "div") {
  return function MathOr({ node, ...rest }: HTMLAttributes<HTMLElement> & { node?: Element }) {
    const html = node?.properties[MATH_HTML];
    return typeof html === "string"
      ? // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX's output, untrusted input made safe (katex-html.ts)
        createElement(Tag, { dangerouslySetInnerHTML: { __html: html } })
      : createElement(Tag, rest);
  };
}

/** Everything but code blocks, which the chat colours in the browser and shared pages on the server. */
export const baseComponents: Components = {
  span: mathOr("span"),
  div: mathOr("div"),
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} {...LINK_ATTRIBUTES}>
      {children}
    </a>
  ),
  img: ({ node: _node, src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} {...LINK_ATTRIBUTES}>
        {`Image: ${alt || src}`}
      </a>
    ) : (
      <span>{alt ? `Image: ${alt}` : null}</span>
    ),
  table: ({ node: _node, ...rest }) => (
    <div className={TABLE_WRAPPER_CLASS}>
      <table {...rest} />
    </div>
  ),
};
