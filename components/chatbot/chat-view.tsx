"use client";

import { type ReactNode, useRef } from "react";
import type { ChatDetailOut } from "@/lib/validation/chat";
import type { BranchOrigin } from "./branch-mark";
import { ChatFootnote } from "./chat-footnote";
import { Composer, type ComposerHandle } from "./composer";
import { Conversation } from "./conversation";
import { Refusal } from "./refusal";
import { useBranchChat } from "./use-branch-chat";
import { useChatTurn } from "./use-chat-turn";
import { useCopyLastShortcuts } from "./use-copy-last";

/** One conversation: its messages, the composer, and the streaming turn (use-chat-turn.ts). */
export function ChatView({
  initialChat,
  earlier = 0,
  bodies,
  isGuest,
  focusMessageId,
  branchedFrom,
}: {
  initialChat: ChatDetailOut | null;
  /** Messages before `initialChat`'s, not sent with the page (lib/chats/latest-messages.ts). */
  earlier?: number;
  /** `initialChat`'s replies rendered by the server, by message id. */
  bodies?: Readonly<Record<string, ReactNode>>;
  isGuest: boolean;
  /** A message to scroll to and highlight: the one a search result pointed at. */
  focusMessageId?: string;
  /** A branch: where it came from, marked where it starts to differ. */
  branchedFrom?: BranchOrigin;
}) {
  const turn = useChatTurn(initialChat, earlier);
  // Until they are fetched (an edit of the first message shown leaves them in place).
  const unloaded = turn.earlierLoaded ? 0 : earlier;
  const composer = useRef<ComposerHandle>(null);
  const branch = useBranchChat(turn.chatId);
  useCopyLastShortcuts(turn.messages);
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
        onEdit={turn.edit}
        onBranch={(message) => void branch(message)}
        unloaded={unloaded}
        loadEarlier={turn.loadEarlier}
        focusComposer={() => composer.current?.focus()}
        bodies={bodies}
        focusMessageId={focusMessageId}
        branchedFrom={branchedFrom}
      />
      <div className="mx-auto w-full max-w-3xl px-4 pb-3">
        <Refusal text={turn.refusal} />
        <Composer
          ref={composer}
          busy={turn.busy}
          fresh={turn.chatId === null}
          draftKey={turn.chatId ?? "new"}
          onSend={turn.send}
          onStop={turn.stop}
        />
        <ChatFootnote isGuest={isGuest} />
      </div>
    </div>
  );
}
