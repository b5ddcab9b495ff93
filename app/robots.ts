import type { MetadataRoute } from "next";
import { connection } from "next/server";
import { publicOrigin } from "@/lib/public-url";

// At run time, so that APP_URL is read where the app runs rather than where it was built.
export default async function robots(): Promise<MetadataRoute.Robots> {
  await connection();
  return {
    rules: [
      { userAgent: "*", allow: ["/", "/chatbot/share/"], disallow: ["/api/", "/chatbot/c/"] },
    ],
    sitemap: `${publicOrigin()}/sitemap.xml`,
  };
}
