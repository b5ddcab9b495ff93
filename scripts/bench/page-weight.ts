import { gzipSync } from "node:zlib";

// What a reader of a page downloads: its HTML (and, of that, the inline RSC payload Next
// sends beside the HTML it describes) and its scripts, raw and gzipped, as issue 12 asks
// them reported before and after the page is made lighter.

export type PageWeight = {
  htmlBytes: number;
  htmlGzip: number;
  /** Bytes of inline `self.__next_f.push(...)` scripts: the page's RSC payload. */
  payloadBytes: number;
  scripts: number;
  scriptBytes: number;
  scriptGzip: number;
};

export async function pageWeight(pageUrl: string): Promise<PageWeight> {
  const html = await (await fetch(pageUrl)).text();
  const inline = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)]
    .map((m) => m[1] ?? "")
    .filter((body) => body.includes("self.__next_f"));
  // Not the nomodule polyfills, which browsers that run modules neither fetch nor run.
  const tags = [...html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)].filter(
    (m) => !/nomodule/i.test(`${m[1]} ${m[3]}`),
  );
  const sources = [...new Set(tags.map((m) => m[2] ?? ""))];
  const bodies = await Promise.all(
    sources.map(async (src) =>
      Buffer.from(await (await fetch(new URL(src, pageUrl))).arrayBuffer()),
    ),
  );
  return {
    htmlBytes: Buffer.byteLength(html),
    htmlGzip: gzipSync(html).length,
    payloadBytes: inline.reduce((sum, body) => sum + Buffer.byteLength(body), 0),
    scripts: sources.length,
    scriptBytes: bodies.reduce((sum, body) => sum + body.length, 0),
    scriptGzip: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
  };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** One table row: HTML (gzipped), its payload, and the scripts (count, raw, gzipped). */
export function weightRow(label: string, w: PageWeight): string[] {
  return [
    label,
    `${kib(w.htmlBytes)} (${kib(w.htmlGzip)})`,
    kib(w.payloadBytes),
    String(w.scripts),
    `${kib(w.scriptBytes)} (${kib(w.scriptGzip)})`,
  ];
}

export const WEIGHT_HEADERS = [
  "page",
  "HTML (gzipped)",
  "of it, inline RSC payload",
  "script files",
  "scripts (gzipped)",
];
