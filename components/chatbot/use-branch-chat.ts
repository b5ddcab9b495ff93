import { useRouter } from "next/navigation";
import { useCallback, useRef } from "react";
import { toast } from "sonner";
import { ApiError, chatsApi, newId } from "@/lib/client/chats-api";
import { useChats } from "./chats-provider";
import type { UiMessage } from "./message-item";
import { summary } from "./turn-messages";
import { messageOf } from "./use-optimistic-chats";

/**
 * The server stores a reply just after its stream ends: one branched from at that moment
 * may not be there yet (409), so the same request (same new id) is given a few moments.
 */
async function branchOnceStored(chatId: string, through: string) {
  const id = newId();
  for (let attempt = 1; ; attempt++) {
    try {
      return await chatsApi.branch(chatId, through, id);
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 409) || attempt === 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500));
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
