// The Open Graph image is drawn by next/og with the one font it bundles. For any other
// character (CJK, Arabic, Devanagari, emoji…) it would download a font or an emoji
// image from Google Fonts or a CDN at run time: the server makes no such request, so
// text is cut down to what the bundled font draws. The ranges are a subset of that
// font's character map (tests/unit/og-text.test.ts checks them against the font).
export const OG_FONT_RANGES: [number, number][] = [
  [0x20, 0x7e], // Basic Latin
  [0xa0, 0xac],
  [0xae, 0x113], // Latin-1 and most of Latin Extended-A
  [0x116, 0x12b],
  [0x12e, 0x137],
  [0x139, 0x13e],
  [0x141, 0x148],
  [0x14a, 0x14d],
  [0x150, 0x17e],
  [0x400, 0x45f], // Cyrillic
  [0x1ea0, 0x1ef9], // Vietnamese
  [0x2013, 0x2014], // dashes, quotes, bullets, ellipsis
  [0x2018, 0x201a],
  [0x201c, 0x201e],
  [0x2020, 0x2022],
  [0x2026, 0x2026],
  [0x20ac, 0x20ac], // €
  [0x2122, 0x2122], // ™
];

const drawable = (codePoint: number) =>
  OG_FONT_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);

/**
 * `text` with every run of characters the image font cannot draw replaced by "…", or
 * `fallback` when nothing readable is left (a title written wholly in Japanese, say).
 */
export function ogText(text: string, fallback: string): string {
  const GAP = "\u0000";
  let out = "";
  for (const char of text.normalize("NFC")) {
    if (drawable(char.codePointAt(0) ?? 0)) out += char;
    else if (!out.endsWith(GAP)) out += GAP;
  }
  if (!/[\p{L}\p{N}]/u.test(out)) return fallback;
  return out
    .replace(/^[\s\0]+|[\s\0]+$/g, "")
    .replace(/\s*\0[\s\0]*/g, " … ")
    .replace(/\s+/g, " ");
}
