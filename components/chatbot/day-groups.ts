import type { ChatOut } from "@/lib/validation/chat";

export type DayGroup = { label: string; chats: ChatOut[] };

const LABELS = ["Today", "Yesterday", "Previous 7 days", "Older"] as const;
const DAY = 86_400_000;

/**
 * Groups a newest-first list by calendar day. `local` false uses UTC days: the server
 * cannot know the reader's time zone, so the first render (server and hydration) groups
 * by UTC and the browser regroups by its own zone once mounted.
 */
export function groupByDay(chats: ChatOut[], now: number, local: boolean): DayGroup[] {
  const startOfDay = (t: number) => {
    const d = new Date(t);
    return local
      ? new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime()
      : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  };
  const today = startOfDay(now);
  const groups = LABELS.map((label) => ({ label, chats: [] as ChatOut[] }));
  for (const chat of chats) {
    const days = Math.round((today - startOfDay(Date.parse(chat.updated_at))) / DAY);
    const index = days <= 0 ? 0 : days === 1 ? 1 : days <= 7 ? 2 : 3;
    groups[index]?.chats.push(chat);
  }
  return groups.filter((g) => g.chats.length > 0);
}
