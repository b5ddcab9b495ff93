// Hiding findings of the privacy check in a shared copy of a chat (a snapshot link).
// Pure, as the detectors are: the server applies it when it takes a snapshot.

/** What a hidden range reads in the shared copy. */
export const REDACTED = "[redacted]";

/** `[start, end)` in UTF-16 code units, as JavaScript strings index (and the check answers). */
export type TextRange = { start: number; end: number };

/** A range of a chat: of its title (message_id null) or of one message's content. */
export type ChatRange = TextRange & { message_id: string | null };

/**
 * The text with each range replaced by `[redacted]`. Ranges may come in any order;
 * overlapping ones become one, and parts past the text's end are ignored
 * (an empty or reversed range hides nothing).
 */
export function redactText(text: string, ranges: readonly TextRange[]): string {
  const sorted = ranges
    .map(({ start, end }) => ({ start: Math.max(0, start), end: Math.min(text.length, end) }))
    .filter(({ start, end }) => start < end)
    .sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  for (const { start, end } of sorted) {
    if (start < at) {
      // Overlaps the range before it, already replaced: only its tail is left to skip.
      at = Math.max(at, end);
      continue;
    }
    out += text.slice(at, start) + REDACTED;
    at = end;
  }
  return out + text.slice(at);
}

/**
 * The chat's title and messages with the ranges redacted, each in its own text; ranges
 * of a message the chat does not have are ignored. Message ids compare case-insensitively.
 */
export function redactChat<M extends { id: string; content: string }>(
  chat: { title: string; messages: readonly M[] },
  ranges: readonly ChatRange[],
): { title: string; messages: M[] } {
  const byText = new Map<string | null, TextRange[]>();
  for (const range of ranges) {
    const key = range.message_id?.toLowerCase() ?? null;
    byText.set(key, [...(byText.get(key) ?? []), range]);
  }
  const title = byText.get(null);
  return {
    title: title ? redactText(chat.title, title) : chat.title,
    messages: chat.messages.map((m) => {
      const own = byText.get(m.id.toLowerCase());
      return own ? { ...m, content: redactText(m.content, own) } : m;
    }),
  };
}

/** Whether two chat ranges name the same place (message ids case-insensitively). */
export function sameRange(a: ChatRange, b: ChatRange): boolean {
  return (
    a.start === b.start &&
    a.end === b.end &&
    (a.message_id?.toLowerCase() ?? null) === (b.message_id?.toLowerCase() ?? null)
  );
}
