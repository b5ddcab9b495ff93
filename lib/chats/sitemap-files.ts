import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import {
  countDiscoverableChats,
  listDiscoverableChats,
  listSitemapFileStarts,
} from "@/db/queries/chats";
import { SHARE_CACHE_LIFE, SITEMAP_TAG } from "@/lib/cache/public-cache";
import { publicOrigin } from "@/lib/public-url";
import { planSitemap, SITEMAP_MAX_URLS, sitemapIndexXml, sitemapSlice, urlsetXml } from "./sitemap";

// The sitemap's files, each cached until a chat's public state changes (SITEMAP_TAG
// expires them all at once, so they always agree on where each file starts).

async function sitemapLayout() {
  "use cache";
  cacheTag(SITEMAP_TAG);
  cacheLife(SHARE_CACHE_LIFE);
  const plan = planSitemap(await countDiscoverableChats());
  const starts =
    plan.kind === "index" ? await listSitemapFileStarts({ perFile: SITEMAP_MAX_URLS }) : [];
  return { plan, starts };
}

/** /sitemap.xml: every URL while they fit in one file, else the index of the files. */
export async function sitemapRootXml(): Promise<string> {
  "use cache";
  cacheTag(SITEMAP_TAG);
  cacheLife(SHARE_CACHE_LIFE);
  const { plan } = await sitemapLayout();
  if (plan.kind === "index") return sitemapIndexXml(publicOrigin(), plan.files);
  const chats = await listDiscoverableChats({ after: null, limit: SITEMAP_MAX_URLS - 1 });
  return urlsetXml(publicOrigin(), chats, true);
}

/** /sitemaps/<n>.xml: file n of the index; null past the last one, or with no index. */
export async function sitemapFileXml(file: number): Promise<string | null> {
  "use cache";
  cacheTag(SITEMAP_TAG);
  cacheLife(SHARE_CACHE_LIFE);
  const { plan, starts } = await sitemapLayout();
  const slice = plan.kind === "index" ? sitemapSlice(file, plan.files, starts) : null;
  if (!slice) return null;
  const chats = await listDiscoverableChats({ after: slice.after, limit: slice.limit });
  return urlsetXml(publicOrigin(), chats, slice.withHome);
}
