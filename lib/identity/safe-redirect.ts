const PLACEHOLDER = "http://skillmate.invalid";

/**
 * A same-origin path to go to after signing in or up; anything else becomes "/". The
 * decision is made on the URL as a browser will read it: the WHATWG parser drops tabs
 * and newlines and turns "\" into "/", so "/\t/evil.example" and "/\\evil.example" are
 * both "//evil.example", another site. Resolved against a placeholder origin, only a
 * target that stays on it is a path of ours, and what is returned is the parsed,
 * normalised path (which no later parse can turn into another origin).
 */
export function safeRedirect(target: unknown): string {
  if (typeof target !== "string" || !target.startsWith("/") || target.length > 2048) return "/";
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER);
  } catch {
    return "/";
  }
  if (url.origin !== PLACEHOLDER) return "/";
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A pathname starting "//" would be read as a host when used on its own.
  return path.startsWith("//") ? "/" : path;
}
