import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { countDiscoverableChats, listDiscoverableChats } from "@/db/queries/chats";
import { SHARE_CACHE_LIFE, SITEMAP_TAG } from "@/lib/cache/public-cache";
import { publicOrigin } from "@/lib/public-url";
import { planSitemap, sitemapFileWindow, sitemapIndexXml, urlsetXml } from "./sitemap";

// The sitemap's files, cached until a chat's public state changes (SITEMAP_TAG).

/** /sitemap.xml: every URL while they fit in one file, else the index of the files. */
export async function sitemapRootXml(): Promise<string> {
  "use cache";
  cacheTag(SITEMAP_TAG);
  cacheLife(SHARE_CACHE_LIFE);
  const plan = planSitemap(await countDiscoverableChats());
  if (plan.kind === "index") return sitemapIndexXml(publicOrigin(), plan.files);
  const window = sitemapFileWindow(0);
  const chats = await listDiscoverableChats({ offset: window.offset, limit: window.limit });
  return urlsetXml(publicOrigin(), chats, true);
}

/** /sitemaps/<n>.xml: file n of the index; null past the last one. */
export async function sitemapFileXml(file: number): Promise<string | null> {
  "use cache";
  cacheTag(SITEMAP_TAG);
  cacheLife(SHARE_CACHE_LIFE);
  const plan = planSitemap(await countDiscoverableChats());
  const files = plan.kind === "index" ? plan.files : 1;
  if (file >= files) return null;
  const window = sitemapFileWindow(file);
  const chats = await listDiscoverableChats({ offset: window.offset, limit: window.limit });
  return urlsetXml(publicOrigin(), chats, window.withHome);
}
