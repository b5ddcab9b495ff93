import { plainText } from "./plain-text";

export const DEFAULT_TITLE = "New chat";
const TITLE_LENGTH = 60;

/**
 * A chat's automatic title from its first user message: markdown stripped, whitespace
 * collapsed, cut at a word boundary to at most 60 characters with "…" when cut.
 */
export function titleFromMessage(content: string): string {
  const text = plainText(content);
  if (!text) return DEFAULT_TITLE;
  if (text.length <= TITLE_LENGTH) return text;
  const room = text.slice(0, TITLE_LENGTH - 1); // one character for the ellipsis
  const lastSpace = room.lastIndexOf(" ");
  // A single long word is cut where it must be rather than leaving a stub.
  const cut = lastSpace >= TITLE_LENGTH / 3 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.!?-]+$/, "")}…`;
}
