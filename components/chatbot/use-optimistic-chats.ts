import { type Dispatch, type RefObject, type SetStateAction, useCallback, useState } from "react";
import { toast } from "sonner";
import { ApiError } from "@/lib/client/chats-api";
import { keyedQueue } from "@/lib/client/keyed-queue";
import type { ChatOut } from "@/lib/validation/chat";
import { merge, patchChat } from "./chat-list";

/** What shows at once: new values for some of a chat's fields, or the chat gone. */
export type Change = Partial<ChatOut> | "remove";

export const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : "Something went wrong. Please try again.";

function apply(list: ChatOut[], id: string, change: Change): ChatOut[] {
  return change === "remove" ? list.filter((c) => c.id !== id) : patchChat(list, id, change);
}

// Other actions may run while this one waits (a rename beside a share, two quick
// toggles): a rollback gives back only what still shows this change, so that another
// chat, another field, or a value a later action has written since is not undone.
function undo(list: ChatOut[], before: ChatOut, change: Change): ChatOut[] {
  const now = list.find((c) => c.id === before.id);
  if (change === "remove") return now ? list : merge(list, [before]);
  if (!now) return list;
  const keys = (Object.keys(change) as (keyof ChatOut)[]).filter((key) =>
    Object.is(now[key], change[key]),
  );
  if (keys.length === 0) return list;
  return patchChat(list, before.id, Object.fromEntries(keys.map((key) => [key, before[key]])));
}

/**
 * `optimistic(id, change, failure, save)` shows `change` to chat `id` at once, then runs
 * `save`: the API call and whatever follows its answer. Should `save` throw, the change
 * is taken back and a toast gives `failure` and the reason. Resolves true once saved,
 * false after a rollback or, with nothing called, for a chat not in the list.
 */
export function useOptimisticChats(
  latest: RefObject<ChatOut[]>,
  setChats: Dispatch<SetStateAction<ChatOut[]>>,
) {
  // Shown at once, saved in turn: one chat's saves reach the server in the order made.
  const [inTurn] = useState(keyedQueue);
  return useCallback(
    async (id: string, change: Change, failure: string, save: () => Promise<void>) => {
      const before = latest.current.find((c) => c.id === id);
      if (!before) return false;
      setChats((list) => apply(list, id, change));
      try {
        await inTurn(id, save);
        return true;
      } catch (error) {
        setChats((list) => undo(list, before, change));
        toast.error(`${failure} ${messageOf(error)}`);
        return false;
      }
    },
    [latest, setChats, inTurn],
  );
}
