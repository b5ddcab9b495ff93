import type { Element } from "hast";
import "katex/dist/katex.min.css";
import { createElement, type HTMLAttributes } from "react";
import type { Components, Options } from "react-markdown";
import { defaultUrlTransform } from "react-markdown";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import { classesOf, textOf } from "@/lib/markdown/hast";
import { MATH_HTML, rehypeKatexHtml } from "@/lib/markdown/katex-html";
import { remarkMathGuards } from "@/lib/markdown/math-guards";

// What the chat (markdown.tsx) and shared pages (static-markdown.tsx) render alike.
//
// Assistant replies and shared chats are untrusted text. Raw HTML is never parsed (no
// rehype-raw: react-markdown then shows it as text), and the default urlTransform
// stays in place, so javascript: and other unsafe URLs come out empty. Images are never
// loaded: an image in a message is a link to it, so that whoever wrote the text cannot
// track who reads it (the CSP blocks remote images anyway: a link beats a broken image).
// KaTeX runs untrusted: \href, \url, \htmlClass and the like render as plain text, and
// its size and macro-expansion limits keep a formula from freezing the page.

export const remarkPlugins: Options["remarkPlugins"] = [remarkGfm, remarkMath, remarkMathGuards];

export const rehypePlugins: Options["rehypePlugins"] = [
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

/** The options every markdown renderer here passes to react-markdown, beside its components. */
export const markdownOptions = {
  remarkPlugins,
  rehypePlugins,
  urlTransform: defaultUrlTransform,
} satisfies Options;

/** The fenced code inside a `pre`, and the language its info string names. */
export function codeOf(pre: Element | undefined): { code: string; language?: string } {
  const code = pre?.children.find(
    (child): child is Element => child.type === "element" && child.tagName === "code",
  );
  const language = (code ? classesOf(code) : [])
    .find((name) => name.startsWith("language-"))
    ?.slice("language-".length);
  return { code: pre ? textOf(pre).replace(/\n$/, "") : "", language };
}

// Links in messages open apart, pass no referrer, and carry no endorsement.
const linkProps = {
  target: "_blank",
  rel: "noopener noreferrer nofollow ugc",
  className: "font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400",
} as const;

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
    <a {...rest} href={href} {...linkProps}>
      {children}
    </a>
  ),
  img: ({ node: _node, src, alt }) =>
    typeof src === "string" && src ? (
      <a href={src} {...linkProps}>
        {`Image: ${alt || src}`}
      </a>
    ) : (
      <span>{alt ? `Image: ${alt}` : null}</span>
    ),
  table: ({ node: _node, ...rest }) => (
    <div className="my-3 overflow-x-auto">
      <table {...rest} />
    </div>
  ),
};
