import type { Element, ElementContent } from "hast";
import type { ComponentProps } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CopyCodeButton } from "./copy-code-button";

// Assistant replies and shared chats are untrusted text. Raw HTML is never parsed (no
// rehype-raw: react-markdown then shows it as text), and the default urlTransform
// stays in place, so javascript: and other unsafe URLs come out empty.

function textOf(node: ElementContent | Element): string {
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}

const components: Components = {
  a: ({ node: _node, href, children, ...rest }) => (
    <a
      {...rest}
      href={href}
      target="_blank"
      rel="noopener noreferrer nofollow"
      className="font-medium text-sky-700 underline underline-offset-2 dark:text-sky-400"
    >
      {children}
    </a>
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
