import { AppError } from "@/lib/errors";

/**
 * Mutating routes refuse cross-site requests: a browser tells us through
 * Sec-Fetch-Site, or failing that through Origin. Non-browser clients (curl, the old
 * backend's callers) send neither and are let through; cookies are SameSite=Lax anyway.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") throw crossSite();
  const origin = request.headers.get("origin");
  if (origin === null) return;
  // Sandboxed frames and some redirects send the literal "null".
  if (origin === "null") throw crossSite();
  const host =
    request.headers.get("x-forwarded-host") ??
    request.headers.get("host") ??
    new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw crossSite();
  }
  if (originHost !== host) throw crossSite();
}

function crossSite() {
  return new AppError("forbidden", "Cross-site requests are not allowed on this route.");
}
