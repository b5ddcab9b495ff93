import type { MetadataRoute } from "next";
import { cacheLife, cacheTag } from "next/cache";
import { connection } from "next/server";
import { listDiscoverableChats } from "@/db/queries/chats";
import { SHARE_CACHE_LIFE, SITEMAP_TAG } from "@/lib/cache/public-cache";
import { publicOrigin } from "@/lib/public-url";

// The sitemap protocol's limit for one file.
const MAX_URLS = 50_000;

// Rendered at run time (connection: never at build, which must not open a database),
// then cached until a chat's public state changes.
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  await connection();
  return cachedSitemap();
}

async function cachedSitemap(): Promise<MetadataRoute.Sitemap> {
  "use cache";
  cacheTag(SITEMAP_TAG);
  cacheLife(SHARE_CACHE_LIFE);
  const origin = publicOrigin();
  const chats = await listDiscoverableChats({ limit: MAX_URLS - 1 });
  return [
    { url: `${origin}/`, changeFrequency: "weekly" },
    ...chats.map((chat) => ({
      url: `${origin}/chatbot/share/${chat.shareId}`,
      lastModified: chat.updatedAt,
    })),
  ];
}
