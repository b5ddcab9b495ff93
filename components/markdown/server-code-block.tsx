import "server-only";
import { cacheLife } from "next/cache";
import { hastToReact, highlightToHast } from "@/lib/markdown/highlight";
import { CodeFrame } from "./code-frame";

// Cached, for two reasons: the same code is coloured once however many pages show it,
// and the tokenizer reads Date.now() (its time limit), which Next allows a prerender
// only inside a cache scope.
async function highlighted(code: string, language: string) {
  "use cache";
  cacheLife("max");
  return highlightToHast(code, language);
}

/** Shared pages colour code on the server: their readers download no highlighter. */
export async function ServerCodeBlock({ code, language }: { code: string; language?: string }) {
  const tree = language ? await highlighted(code, language) : null;
  return (
    <CodeFrame code={code} language={language}>
      {tree ? hastToReact(tree) : code}
    </CodeFrame>
  );
}
