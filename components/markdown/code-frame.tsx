import type { ReactNode } from "react";
import { CODE_FRAME_CLASS } from "@/lib/markdown/markup";
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
    <div className={CODE_FRAME_CLASS.frame}>
      <div className={CODE_FRAME_CLASS.bar}>
        <span className={CODE_FRAME_CLASS.language}>{language || "code"}</span>
        <CopyCodeButton code={code} />
      </div>
      <pre className={CODE_FRAME_CLASS.pre}>
        <code>{children}</code>
      </pre>
    </div>
  );
}
