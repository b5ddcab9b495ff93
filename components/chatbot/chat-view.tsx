"use client";

import type { ChatDetailOut } from "@/lib/validation/chat";
import { ChatFootnote } from "./chat-footnote";
import { Composer } from "./composer";
import { Conversation } from "./conversation";
import { Refusal } from "./refusal";
import { useChatTurn } from "./use-chat-turn";

/** One conversation: its messages, the composer, and the streaming turn (use-chat-turn.ts). */
export function ChatView({
  initialChat,
  isGuest,
}: {
  initialChat: ChatDetailOut | null;
  isGuest: boolean;
}) {
  const turn = useChatTurn(initialChat);
  return (
    <div className="flex h-full flex-col">
      <Conversation
        messages={turn.messages}
        busy={turn.busy}
        pending={turn.pending}
        onSend={(text) => void turn.send(text)}
        onRetry={(failed) => void turn.retry(failed)}
        onRegenerate={() => void turn.regenerate()}
        onRetryNow={turn.retryNow}
      />
      <div className="mx-auto w-full max-w-3xl px-4 pb-3">
        <Refusal text={turn.refusal} />
        <Composer
          busy={turn.busy}
          fresh={turn.chatId === null}
          onSend={turn.send}
          onStop={turn.stop}
        />
        <ChatFootnote isGuest={isGuest} />
      </div>
    </div>
  );
}
