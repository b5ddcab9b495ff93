import "server-only";
import type { Components } from "react-markdown";
import ReactMarkdown from "react-markdown";
import { codeOf } from "@/lib/markdown/hast";
import { baseComponents, markdownOptions } from "./markdown-config";
import { ServerCodeBlock } from "./server-code-block";

const components: Components = {
  ...baseComponents,
  pre: ({ node }) => <ServerCodeBlock {...codeOf(node)} />,
};

/** Markdown rendered on the server (shared pages, and the messages a chat opens with): code is coloured in the HTML. */
export function StaticMarkdown({ children }: { children: string }) {
  return (
    <div className="markdown">
      <ReactMarkdown {...markdownOptions} components={components}>
        {children}
      </ReactMarkdown>
    </div>
  );
}
