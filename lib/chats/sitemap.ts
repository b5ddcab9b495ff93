// The sitemap protocol allows 50,000 URLs in one file; past that, /sitemap.xml becomes
// an index of files of at most that many. The site's URLs are the home page, then every
// discoverable chat in a stable order, cut into consecutive files.
export const SITEMAP_MAX_URLS = 50_000;

export type SitemapPlan = { kind: "single" } | { kind: "index"; files: number };

/** One file while everything fits, else an index of `files` files. */
export function planSitemap(chats: number, perFile = SITEMAP_MAX_URLS): SitemapPlan {
  const urls = chats + 1;
  return urls <= perFile ? { kind: "single" } : { kind: "index", files: Math.ceil(urls / perFile) };
}

/** Which chats file `file` holds (the home page is the very first URL of file 0). */
export function sitemapFileWindow(file: number, perFile = SITEMAP_MAX_URLS) {
  return file === 0
    ? { withHome: true, offset: 0, limit: perFile - 1 }
    : { withHome: false, offset: file * perFile - 1, limit: perFile };
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
