// Unsent text, per chat ("new" for a chat not started yet) and per tab: it survives a
// reload or a visit to another chat, and leaves with the tab (sessionStorage, not
// localStorage: a shared computer keeps nothing once the tab is closed). Signing out
// clears it too. Storage may be off or full (private modes): then there are no drafts.

const PREFIX = "skillmate.draft.";

export function readDraft(key: string): string {
  try {
    return sessionStorage.getItem(PREFIX + key) ?? "";
  } catch {
    return "";
  }
}

export function writeDraft(key: string, text: string): void {
  try {
    if (text.trim()) sessionStorage.setItem(PREFIX + key, text);
    else sessionStorage.removeItem(PREFIX + key);
  } catch {
    // Not kept: typing goes on as before.
  }
}

export function clearDrafts(): void {
  try {
    for (const key of Object.keys(sessionStorage)) {
      if (key.startsWith(PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // Nothing was kept.
  }
}
