import { connection } from "next/server";
import { sitemapRootXml } from "@/lib/chats/sitemap-files";

// GET /sitemap.xml — discoverable shared chats, or past 50,000 URLs the index of files.
// At run time (connection: `next build` must not open a database), then cached.
export async function GET() {
  await connection();
  return new Response(await sitemapRootXml(), {
    headers: { "content-type": "application/xml; charset=utf-8" },
  });
}
