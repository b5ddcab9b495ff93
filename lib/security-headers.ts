// Security headers on every response, in one place (next.config.ts serves them for every
// path). Imported by next.config.ts, so it imports nothing of the app.
//
// The CSP is static on purpose. Shared pages are served whole from the cache; a nonce
// would have to differ per response, which makes every page render per request. Without
// a nonce, Next's inline bootstrap scripts need 'unsafe-inline' in script-src; what keeps
// that safe here is that no user text ever becomes markup (React escapes it, markdown is
// rendered without raw HTML) and that no remote host may serve scripts, styles, frames,
// fonts or images. docs/security.md has the reasoning.

type Header = { key: string; value: string };

export function contentSecurityPolicy({ dev }: { dev: boolean }): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // React's dev build evaluates strings; production never does.
    "script-src": ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
    "style-src": ["'self'", "'unsafe-inline'"],
    // No remote images: a reader of a shared page must not be tracked by a pixel.
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    // The dev server's hot reload talks over a WebSocket.
    "connect-src": ["'self'", ...(dev ? ["ws:", "wss:"] : [])],
    "media-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

// Features the app never uses, denied to it and to anything it might embed.
const DENIED_FEATURES = [
  "accelerometer",
  "autoplay",
  "bluetooth",
  "browsing-topics",
  "camera",
  "display-capture",
  "geolocation",
  "gyroscope",
  "hid",
  "magnetometer",
  "microphone",
  "midi",
  "payment",
  "serial",
  "usb",
  "xr-spatial-tracking",
];

export function securityHeaders({ dev }: { dev: boolean }): Header[] {
  return [
    { key: "Content-Security-Policy", value: contentSecurityPolicy({ dev }) },
    { key: "X-Frame-Options", value: "DENY" },
    { key: "X-Content-Type-Options", value: "nosniff" },
    { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
    { key: "Permissions-Policy", value: DENIED_FEATURES.map((f) => `${f}=()`).join(", ") },
    { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
    // `next start` serves the headers `next build` wrote into routes-manifest.json, so
    // this cannot follow an APP_URL set only where the app runs. A production build sends
    // it always: browsers ignore it over plain HTTP (RFC 6797 §8.1). The dev server does
    // not: `next dev --experimental-https` would pin localhost to HTTPS for two years.
    ...(dev
      ? []
      : [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]),
  ];
}
