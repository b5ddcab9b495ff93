import { headers } from "next/headers";
import { env } from "@/lib/env";

/**
 * The site's public origin for links that outlive a request (canonical URLs, sitemaps,
 * Open Graph): APP_URL, or the local default when it is not configured.
 */
export function publicOrigin(): string {
  return (env().APP_URL ?? "http://localhost:3000").replace(/\/+$/, "");
}

/**
 * The base URL for share links in answer to a request: APP_URL, else the origin the
 * request came to (behind a proxy, its X-Forwarded-Host and -Proto).
 */
export function requestBaseUrl(headers: Headers, requestUrl?: string): string {
  const configured = env().APP_URL;
  if (configured) return configured.replace(/\/+$/, "");
  const fallback = requestUrl ? new URL(requestUrl) : null;
  const host =
    headers.get("x-forwarded-host") ?? headers.get("host") ?? fallback?.host ?? "localhost";
  const proto =
    headers.get("x-forwarded-proto")?.split(",")[0]?.trim() ??
    fallback?.protocol.slice(0, -1) ??
    "http";
  return `${proto}://${host}`;
}

/** requestBaseUrl for the page or layout being rendered: share links as the API builds them. */
export async function pageBaseUrl(): Promise<string> {
  return requestBaseUrl(await headers());
}
