import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";

// Next links stylesheets only into the pages it renders, and the share page is HTML a
// route handler writes (page-html.ts). It is styled as a chat is, so it links the
// stylesheets Next built for the chat page: the app's own (app/globals.css) and KaTeX's.
// The build lists them in that page's client reference manifest, a script that fills
// globalThis.__RSC_MANIFEST, in the build's output directory beside the server code.
export const STYLE_SOURCE_PAGE = "/chatbot/(workspace)/c/[id]/page";

type Manifest = { entryCSSFiles?: Record<string, { path: string }[]> };

/** Where the build keeps the manifest: `next build`'s output, or the dev server's. */
function manifestFiles(distDir: string): string[] {
  const file = `server/app${STYLE_SOURCE_PAGE}_client-reference-manifest.js`;
  return [path.join(distDir, file), path.join(distDir, "dev", file)];
}

/** The stylesheets a manifest script lists for the chat page, as URLs. */
export function stylesheetsIn(script: string): string[] {
  const scope: { __RSC_MANIFEST?: Record<string, Manifest> } = {};
  runInNewContext(script, scope);
  const files = scope.__RSC_MANIFEST?.[STYLE_SOURCE_PAGE]?.entryCSSFiles ?? {};
  const paths = (files[`[project]/app${STYLE_SOURCE_PAGE}`] ?? []).map((file) => file.path);
  return [...new Set(paths)].map((file) => `/_next/${file}`);
}

let found: string[] | null = null;

/** The share page's stylesheets, read once (none, and said so, if the build has no manifest). */
export function shareStylesheets(): string[] {
  if (found) return found;
  // Not traced: the manifest is the build's own output, never an input to it.
  const distDir = path.join(
    /*turbopackIgnore: true*/ process.cwd(),
    process.env.NEXT_DIST_DIR || ".next",
  );
  for (const file of manifestFiles(distDir)) {
    let script: string;
    try {
      script = readFileSync(/*turbopackIgnore: true*/ file, "utf8");
    } catch {
      continue;
    }
    found = stylesheetsIn(script);
    if (found.length > 0) return found;
  }
  // The dev server writes the manifest once the chat page has been compiled: until then
  // share pages show unstyled (and this is asked again on the next render).
  console.warn("[share] no stylesheets found for shared pages in the build's manifests");
  found = null;
  return [];
}
