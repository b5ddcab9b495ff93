import { env } from "@/lib/env";

/** Parses a Cookie header into a map (first value wins, as browsers send the most specific first). */
export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || cookies.has(name)) continue;
    try {
      cookies.set(name, decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      // A malformed value is treated as absent.
    }
  }
  return cookies;
}

/**
 * Whether the site is served over HTTPS, which decides cookie names (`__Host-`,
 * `__Secure-`) and the Secure flag. It follows the configured APP_URL, never a request
 * header: X-Forwarded-Proto is whatever the client (or a misconfigured proxy) says.
 */
export function siteIsHttps(): boolean {
  return env().APP_URL?.startsWith("https://") ?? false;
}
