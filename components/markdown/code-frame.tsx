import type { ReactNode } from "react";
import { CopyCodeButton } from "./copy-code-button";

/** A code block as shown everywhere: the language, Copy, and the code (coloured or not). */
export function CodeFrame({
  code,
  language,
  children,
}: {
  code: string;
  language?: string;
  children: ReactNode;
}) {
  return (
    <div className="my-3 overflow-hidden rounded-lg bg-zinc-900 text-zinc-100 dark:bg-black/60">
      <div className="flex items-center justify-between gap-2 border-b border-white/10 py-1 pr-1 pl-3">
        <span className="font-mono text-xs text-zinc-300">{language || "code"}</span>
        <CopyCodeButton code={code} />
      </div>
      <pre className="overflow-x-auto p-3 text-sm leading-relaxed">
        <code>{children}</code>
      </pre>
    </div>
  );
}
