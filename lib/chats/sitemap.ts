// The sitemap protocol allows 50,000 URLs in one file; past that, /sitemap.xml becomes
// an index of files of at most that many. The site's URLs are the home page, then every
// discoverable chat in id order (a chat keeps its place while others are edited), cut
// into consecutive files: the first holds the home page and perFile - 1 chats, each
// later one perFile chats, from the chat after the previous file's last (keyset, so a
// file costs one index seek however far down the list it starts).
export const SITEMAP_MAX_URLS = 50_000;

export type SitemapPlan = { kind: "single" } | { kind: "index"; files: number };

/** One file while everything fits, else an index of `files` files. */
export function planSitemap(chats: number, perFile = SITEMAP_MAX_URLS): SitemapPlan {
  const urls = chats + 1;
  return urls <= perFile ? { kind: "single" } : { kind: "index", files: Math.ceil(urls / perFile) };
}

/**
 * Whether the chat at 1-based position `n` (in id order) is the last of a file that
 * another file follows: the next file starts after it.
 */
export const endsSitemapFile = (n: number, perFile = SITEMAP_MAX_URLS) => (n + 1) % perFile === 0;

export type SitemapSlice = { withHome: boolean; after: string | null; limit: number };

/**
 * The chats of file `file` of an index of `files` files, given the id each later file
 * starts after (`starts[k - 1]` for file k); null when there is no such file.
 */
export function sitemapSlice(
  file: number,
  files: number,
  starts: string[],
  perFile = SITEMAP_MAX_URLS,
): SitemapSlice | null {
  if (!Number.isInteger(file) || file < 0 || file >= files) return null;
  if (file === 0) return { withHome: true, after: null, limit: perFile - 1 };
  const after = starts[file - 1];
  return after === undefined ? null : { withHome: false, after, limit: perFile };
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c,
  );

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"';

export function urlsetXml(
  origin: string,
  chats: { shareId: string; updatedAt: Date }[],
  withHome: boolean,
): string {
  const urls = [
    ...(withHome
      ? [`<url><loc>${escapeXml(`${origin}/`)}</loc><changefreq>weekly</changefreq></url>`]
      : []),
    ...chats.map(
      (c) =>
        `<url><loc>${escapeXml(`${origin}/chatbot/share/${c.shareId}`)}</loc><lastmod>${c.updatedAt.toISOString()}</lastmod></url>`,
    ),
  ];
  return `${XML_HEAD}<urlset ${NS}>\n${urls.join("\n")}\n</urlset>\n`;
}

export function sitemapIndexXml(origin: string, files: number): string {
  const entries = Array.from(
    { length: files },
    (_, i) => `<sitemap><loc>${escapeXml(`${origin}/sitemaps/${i}.xml`)}</loc></sitemap>`,
  );
  return `${XML_HEAD}<sitemapindex ${NS}>\n${entries.join("\n")}\n</sitemapindex>\n`;
}
