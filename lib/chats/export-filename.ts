// File names of exports, for Content-Disposition: a slug of the chat's title and the
// date, with an ASCII `filename=` every client reads and, for a title in another script,
// an RFC 6266/5987 `filename*=UTF-8''…` the browsers prefer.

const SLUG_MAX = 60;

function cut(slug: string): string {
  if (slug.length <= SLUG_MAX) return slug;
  const short = slug.slice(0, SLUG_MAX);
  // At a word boundary when there is one not too far back.
  const dash = short.lastIndexOf("-");
  return (dash >= SLUG_MAX / 2 ? short.slice(0, dash) : short).replace(/-+$/, "");
}

/** Lower-case words of any script joined by dashes; "" when the title has none. */
export function unicodeSlug(title: string): string {
  return cut(
    title
      .normalize("NFC")
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, "-")
      .replace(/^-+|-+$/g, ""),
  );
}

// Latin letters that NFKD does not take apart into a base letter and an accent.
const LATIN: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  ø: "o",
  œ: "oe",
  đ: "d",
  ł: "l",
  þ: "th",
};

/** ASCII letters and digits joined by dashes, accents dropped ("Café" → "cafe"). */
export function asciiSlug(title: string): string {
  return cut(
    title
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .toLowerCase()
      .replace(/[ßæøœđłþ]/g, (c) => LATIN[c] ?? "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, ""),
  );
}

/** `2026-12-01`, in UTC as every time of an export is. */
export function exportDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** RFC 5987 ext-value characters: encodeURIComponent leaves ' ( ) * unescaped. */
function encodeExtValue(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * `attachment; filename="…"; filename*=UTF-8''…` for a download named after `title`,
 * e.g. `how-to-learn-rust-2026-12-01.md`; a title with no ASCII word falls back to
 * `chat-<date>` in `filename=`.
 */
export function attachmentDisposition({
  title,
  date,
  extension,
}: {
  title: string;
  date: Date;
  extension: string;
}): string {
  const day = exportDate(date);
  const ascii = `${asciiSlug(title) || "chat"}-${day}.${extension}`;
  const unicode = `${unicodeSlug(title) || "chat"}-${day}.${extension}`;
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeExtValue(unicode)}`;
}
