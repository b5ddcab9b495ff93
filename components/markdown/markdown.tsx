import type { Element, ElementContent } from "hast";
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CopyCodeButton } from "./copy-code-button";

// Assistant replies and shared chats are untrusted text. Raw HTML is never parsed (no
// rehype-raw: react-markdown then shows it as text), and the default urlTransform
// stays in place, so javascript: and other unsafe URLs come out empty. Images are never
// loaded: an image in a message is a link to it, so that whoever wrote the text cannot
// track who reads it (the CSP blocks remote images anyway: a link beats a broken image).

function textOf(node: ElementContent | Element): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

// Links in messages open apart, pass no referrer, and carry no endorsement.
const linkProps = {
  target: "_blank",
  rel: "noopener noreferrer nofollow ugc",
  className: "font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400",
} as const;

const components: Components = {
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
  pre: ({ node, children, ...rest }) => (
    <div className="group/code relative my-3">
      <pre
        {...rest}
        className="overflow-x-auto rounded-lg bg-zinc-900 p-3 pt-9 text-sm leading-relaxed text-zinc-100 dark:bg-black/60"
      >
        {children}
      </pre>
      <CopyCodeButton code={node ? textOf(node).replace(/\n$/, "") : ""} />
    </div>
  ),
  table: ({ node: _node, ...rest }) => (
    <div className="my-3 overflow-x-auto">
      <table {...rest} />
    </div>
  ),
};

/** Markdown (GitHub flavour) rendered safely; usable from server and client components. */
export function Markdown({
  children,
  className = "",
}: {
  children: string;
  className?: ComponentProps<"div">["className"];
}) {
  return (
    <div className={`markdown ${className}`}>
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
