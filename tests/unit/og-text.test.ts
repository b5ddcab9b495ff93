import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { expect, test } from "vitest";
import { OG_FONT_RANGES, ogText } from "@/lib/chats/og-text";

/** The code points a TrueType font maps (cmap formats 4 and 12), read from the file. */
function fontCodePoints(file: string): Set<number> {
  const buf = readFileSync(file);
  const tables = buf.readUInt16BE(4);
  let cmap = 0;
  for (let i = 0; i < tables; i++) {
    const at = 12 + i * 16;
    if (buf.toString("latin1", at, at + 4) === "cmap") cmap = buf.readUInt32BE(at + 8);
  }
  const points = new Set<number>();
  for (let i = 0; i < buf.readUInt16BE(cmap + 2); i++) {
    const sub = cmap + buf.readUInt32BE(cmap + 4 + i * 8 + 4);
    const format = buf.readUInt16BE(sub);
    if (format === 4) {
      const segX2 = buf.readUInt16BE(sub + 6);
      const ends = sub + 14;
      const starts = ends + segX2 + 2;
      const deltas = starts + segX2;
      const offsets = deltas + segX2;
      for (let s = 0; s < segX2 / 2; s++) {
        const end = buf.readUInt16BE(ends + 2 * s);
        const start = buf.readUInt16BE(starts + 2 * s);
        const delta = buf.readInt16BE(deltas + 2 * s);
        const offset = buf.readUInt16BE(offsets + 2 * s);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          const glyph =
            offset === 0
              ? (c + delta) & 0xffff
              : buf.readUInt16BE(offsets + 2 * s + offset + 2 * (c - start));
          if (glyph) points.add(c);
        }
      }
    } else if (format === 12) {
      for (let g = 0; g < buf.readUInt32BE(sub + 12); g++) {
        const at = sub + 16 + g * 12;
        for (let c = buf.readUInt32BE(at); c <= buf.readUInt32BE(at + 4); c++) points.add(c);
      }
    }
  }
  return points;
}

test("every character ogText keeps is in the font next/og bundles", () => {
  const require = createRequire(import.meta.url);
  const og = path.dirname(require.resolve("next/dist/compiled/@vercel/og/package.json"));
  const fonts = readdirSync(og).filter((file) => file.endsWith(".ttf"));
  expect(fonts).toHaveLength(1);
  const covered = fontCodePoints(path.join(og, fonts[0] ?? ""));
  const missing: string[] = [];
  for (const [from, to] of OG_FONT_RANGES) {
    for (let c = from; c <= to; c++) if (!covered.has(c)) missing.push(c.toString(16));
  }
  expect(missing).toEqual([]);
});

test.each([
  ["Learning chess", "Learning chess"],
  ["Café, naïve, Ærø, Łódź, “quotes” – and…", "Café, naïve, Ærø, Łódź, “quotes” – and…"],
  ["Учимся играть", "Учимся играть"],
  ["Learning chess 🎉♟️", "Learning chess"],
  ["学习 chess 学习", "chess"],
  ["How do I 😀 learn مرحبا चेस?", "How do I … learn … ?"],
  ["学习下棋", "A shared conversation"],
  ["😀😀", "A shared conversation"],
  ["", "A shared conversation"],
])("ogText(%j) is %j", (text, expected) => {
  expect(ogText(text, "A shared conversation")).toBe(expected);
});
