import { expect, test } from "vitest";
import {
  planSitemap,
  SITEMAP_MAX_URLS,
  sitemapFileWindow,
  sitemapIndexXml,
  urlsetXml,
} from "@/lib/chats/sitemap";

test.each([
  [0, 10, { kind: "single" }],
  [9, 10, { kind: "single" }],
  [10, 10, { kind: "index", files: 2 }],
  [19, 10, { kind: "index", files: 2 }],
  [20, 10, { kind: "index", files: 3 }],
  [SITEMAP_MAX_URLS - 1, SITEMAP_MAX_URLS, { kind: "single" }],
  [SITEMAP_MAX_URLS, SITEMAP_MAX_URLS, { kind: "index", files: 2 }],
])("%i chats, %i URLs a file: %j", (chats, perFile, plan) => {
  expect(planSitemap(chats, perFile)).toEqual(plan);
});

test("the files of an index cover the home page and every chat once, in order", () => {
  const chats = 47;
  const perFile = 10;
  const plan = planSitemap(chats, perFile);
  expect(plan).toEqual({ kind: "index", files: 5 });
  const seen: number[] = [];
  for (let f = 0; f < 5; f++) {
    const w = sitemapFileWindow(f, perFile);
    expect(
      (w.withHome ? 1 : 0) + Math.min(w.limit, Math.max(0, chats - w.offset)),
    ).toBeLessThanOrEqual(perFile);
    for (let i = w.offset; i < Math.min(chats, w.offset + w.limit); i++) seen.push(i);
  }
  expect(seen).toEqual(Array.from({ length: chats }, (_, i) => i));
});

test("XML is well formed and escaped", () => {
  const xml = urlsetXml(
    "https://a.example/?x=1&y=<2>",
    [{ shareId: "abc", updatedAt: new Date(0) }],
    true,
  );
  expect(xml).toContain("<loc>https://a.example/?x=1&amp;y=&lt;2&gt;/</loc>");
  expect(xml).toContain("<lastmod>1970-01-01T00:00:00.000Z</lastmod>");
  expect(sitemapIndexXml("https://a.example", 2)).toContain(
    "<sitemap><loc>https://a.example/sitemaps/1.xml</loc></sitemap>",
  );
});
