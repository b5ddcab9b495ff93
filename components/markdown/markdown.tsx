"use client";

import { type ComponentProps, memo, useMemo } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import remend from "remend";
import { splitBlocks } from "@/lib/markdown/blocks";
import { codeOf } from "@/lib/markdown/hast";
import { CodeBlock } from "./code-block";
import { baseComponents, markdownOptions } from "./markdown-config";

// The chat's markdown. A streaming reply is rendered block by block, each block memoized on its
// text: while a reply streams, only its last block re-renders, and the blocks before it
// (and every other message) are left alone. That last block is "healed" with remend
// first, so that an unclosed **bold, `code or $$ shows as what it will become.

function componentsFor(settled: boolean): Components {
  return {
    ...baseComponents,
    pre: ({ node }) => <CodeBlock {...codeOf(node)} settled={settled} />,
  };
}

const settledComponents = componentsFor(true);
const writingComponents = componentsFor(false);

const Block = memo(function Block({ text, settled }: { text: string; settled: boolean }) {
  return (
    <ReactMarkdown
      {...markdownOptions}
      components={settled ? settledComponents : writingComponents}
    >
      {text}
    </ReactMarkdown>
  );
});

/** Markdown (GitHub flavour, with math) rendered safely; `streaming` while it is still written. */
export function Markdown({
  children,
  streaming = false,
  className = "",
}: {
  children: string;
  streaming?: boolean;
  className?: ComponentProps<"div">["className"];
}) {
  // Split only while written: a finished message is one tree, parsed once (a long chat
  // opens with dozens of them, on the server and again while hydrating).
  const blocks = useMemo(
    () => (streaming ? splitBlocks(children) : [children]),
    [children, streaming],
  );
  const last = blocks.length - 1;
  return (
    <div className={`markdown ${className}`}>
      {blocks.map((block, i) => {
        const writing = streaming && i === last;
        return (
          // A block keeps its place, and so its memo, as the text grows after it.
          // biome-ignore lint/suspicious/noArrayIndexKey: blocks are only ever appended
          <Block key={i} text={writing ? remend(block) : block} settled={!writing} />
        );
      })}
    </div>
  );
}
