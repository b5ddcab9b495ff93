import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";
import { toast } from "sonner";
import { ApiError, chatsApi, newId } from "@/lib/client/chats-api";
import { useChats } from "./chats-provider";
import type { UiMessage } from "./message-item";
import { summary } from "./turn-messages";
import { REPLY_STORED, waitForReplyStored } from "./turns-in-flight";
import { messageOf } from "./use-optimistic-chats";

/**
 * A reply branched from just as its stream ends may not be stored yet (409): the same
 * request (same new id) is given the moments REPLY_STORED allows.
 */
async function branchOnceStored(chatId: string, through: string) {
  const id = newId();
  for (let attempt = 1; ; attempt++) {
    try {
      return await chatsApi.branch(chatId, through, id);
    } catch (error) {
      const notStoredYet = error instanceof ApiError && error.status === 409;
      if (!notStoredYet || attempt === REPLY_STORED.tries) throw error;
      await waitForReplyStored();
    }
  }
}

/**
 * Branch in new chat: a copy of the chat up to a reply, opened in its place, the original
 * left as it is and a click away in the toast. One branch at a time: a second click while
 * the first is on its way would make a second copy.
 */
export function useBranchChat(chatId: string | null) {
  const { upsert } = useChats();
  const router = useRouter();
  const running = useRef(false);
  return useCallback(
    async (message: UiMessage) => {
      if (!chatId || running.current) return;
      running.current = true;
      try {
        const branch = await branchOnceStored(chatId, message.id);
        upsert(summary(branch));
        router.push(`/chatbot/c/${branch.id}`);
        toast.success("Branched into a new chat. The original is unchanged.", {
          action: { label: "Open original", onClick: () => router.push(`/chatbot/c/${chatId}`) },
        });
      } catch (error) {
        toast.error(`Could not branch the chat. ${messageOf(error)}`);
      } finally {
        running.current = false;
      }
    },
    [chatId, upsert, router],
  );
}
