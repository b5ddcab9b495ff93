import { expect, test } from "vitest";
import {
  endsSitemapFile,
  planSitemap,
  SITEMAP_MAX_URLS,
  sitemapIndexXml,
  sitemapSlice,
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

/** The files a sitemap of `total` chats is cut into, as the database would (ids in order). */
function cut(total: number, perFile: number): string[][] {
  const ids = Array.from({ length: total }, (_, i) => `chat-${String(i).padStart(4, "0")}`);
  const starts = ids.filter((_, i) => endsSitemapFile(i + 1, perFile));
  const plan = planSitemap(total, perFile);
  if (plan.kind === "single") return [["home", ...ids]];
  const files: string[][] = [];
  for (let file = 0; ; file++) {
    const slice = sitemapSlice(file, plan.files, starts, perFile);
    if (!slice) break;
    const from = slice.after === null ? 0 : ids.indexOf(slice.after) + 1;
    files.push([...(slice.withHome ? ["home"] : []), ...ids.slice(from, from + slice.limit)]);
  }
  expect(files).toHaveLength(plan.files);
  return files;
}

test("every number of chats up to 60, 10 URLs a file: each URL in exactly one file of at most 10, none empty", () => {
  for (let total = 0; total <= 60; total++) {
    const files = cut(total, 10);
    expect(files.flat()).toEqual([
      "home",
      ...Array.from({ length: total }, (_, i) => `chat-${String(i).padStart(4, "0")}`),
    ]);
    for (const file of files) {
      expect(file.length).toBeGreaterThan(0);
      expect(file.length).toBeLessThanOrEqual(10);
    }
  }
});

test.each([
  [-1, "negative"],
  [2, "past the last file"],
  [0.5, "not a whole number"],
])("no file %d (%s)", (file) => {
  expect(sitemapSlice(file, 2, ["a", "b"], 10)).toBeNull();
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
