import { connection } from "next/server";
import { sitemapFileXml } from "@/lib/chats/sitemap-files";

// GET /sitemaps/<n>.xml — one file of the sitemap index
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  await connection();
  const match = /^(\d{1,4})\.xml$/.exec((await params).file);
  const xml = match ? await sitemapFileXml(Number(match[1])) : null;
  if (!xml) return new Response("Not found", { status: 404 });
  return new Response(xml, { headers: { "content-type": "application/xml; charset=utf-8" } });
}
