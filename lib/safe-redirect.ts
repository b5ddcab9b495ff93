/** A same-site path to go to after signing in; anything else (an open redirect) becomes "/". */
export function safeRedirect(target: unknown): string {
  return typeof target === "string" &&
    target.startsWith("/") &&
    !target.startsWith("//") &&
    !target.startsWith("/\\")
    ? target
    : "/";
}
