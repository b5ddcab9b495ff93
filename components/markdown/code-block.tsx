"use client";

import { type ReactNode, useEffect, useRef, useState } from "react";
import { CodeFrame } from "./code-frame";

// In the chat, code is shown plain at once and coloured later, so that colouring never
// holds up a streaming reply or the opening of a long chat: only once the block is
// finished (`settled`), near the screen, and the browser is idle. The highlighter and
// each language are loaded on first use.

const highlighted = new Map<string, ReactNode>();
const MAX_REMEMBERED = 500;

function remember(key: string, node: ReactNode) {
  if (highlighted.size >= MAX_REMEMBERED) {
    const oldest = highlighted.keys().next().value;
    if (oldest !== undefined) highlighted.delete(oldest);
  }
  highlighted.set(key, node);
}

const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === "function"
    ? requestIdleCallback(run, { timeout: 2000 })
    : setTimeout(run, 50);

export function CodeBlock({
  code,
  language,
  settled,
}: {
  code: string;
  language?: string;
  /** False while the reply is still writing this block. */
  settled: boolean;
}) {
  const key = `${language}\u0000${code}`;
  const [colored, setColored] = useState<{ key: string; node: ReactNode } | null>(null);
  const known = colored?.key === key ? colored.node : highlighted.get(key);
  const box = useRef<HTMLDivElement>(null);
  // The highlighter itself says no (null) to unknown languages and very long code.
  const wanted = settled && known === undefined && Boolean(language);

  useEffect(() => {
    const el = box.current;
    if (!wanted || !el || !language) return;
    let live = true;
    const color = () =>
      import("@/lib/markdown/highlight")
        .then(({ highlightCode }) => highlightCode(code, language))
        .then((node) => {
          if (node === null) return;
          remember(key, node);
          if (live) setColored({ key, node });
        });
    const seen = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        seen.disconnect();
        whenIdle(() => live && void color());
      },
      { rootMargin: "600px 0px" },
    );
    seen.observe(el);
    return () => {
      live = false;
      seen.disconnect();
    };
  }, [wanted, key, code, language]);

  return (
    <div ref={box}>
      <CodeFrame code={code} language={language}>
        {known ?? code}
      </CodeFrame>
    </div>
  );
}
