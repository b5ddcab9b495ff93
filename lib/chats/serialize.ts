import type { SearchHit } from "@/db/queries/chat-search";
import type { PublicMessage } from "@/db/queries/chats";
import type { Chat, Message } from "@/db/schema";
import type {
  ChatDetailOut,
  ChatOut,
  MessageOut,
  SearchResultOut,
  SharedChatOut,
  ShareStateOut,
} from "@/lib/validation/chat";
import { toSnippet } from "./search-snippet";

export function shareUrl(baseUrl: string, shareId: string): string {
  return `${baseUrl.replace(/\/+$/, "")}/chatbot/share/${shareId}`;
}

export function toMessageOut(
  m: Pick<Message, "id" | "messageType" | "content" | "isError" | "createdAt">,
): MessageOut {
  return {
    id: m.id,
    message_type: m.messageType,
    content: m.content,
    is_error: m.isError,
    created_at: m.createdAt.toISOString(),
  };
}

export function toChatOut(chat: Chat, baseUrl: string): ChatOut {
  return {
    id: chat.id,
    title: chat.title,
    share_id: chat.shareId,
    is_shared: chat.isShared,
    is_discoverable: chat.isDiscoverable,
    is_pinned: chat.isPinned,
    is_archived: chat.isArchived,
    share_url: chat.isShared ? shareUrl(baseUrl, chat.shareId) : null,
    share_expires_at: chat.shareExpiresAt?.toISOString() ?? null,
    ...shareModeOut(chat),
    created_at: chat.createdAt.toISOString(),
    updated_at: chat.updatedAt.toISOString(),
    message_count: chat.messageCount,
    branched_from: chat.branchedFromId
      ? { chat_id: chat.branchedFromId, after_message_id: chat.branchedAfterId }
      : null,
  };
}

export function toChatDetailOut(chat: Chat, messages: Message[], baseUrl: string): ChatDetailOut {
  return { ...toChatOut(chat, baseUrl), messages: messages.map(toMessageOut) };
}

/** What the share routes answer: the chat's sharing state. */
export function toShareStateOut(chat: Chat, baseUrl: string): ShareStateOut {
  return {
    is_shared: chat.isShared,
    share_id: chat.shareId,
    share_url: chat.isShared ? shareUrl(baseUrl, chat.shareId) : null,
    share_expires_at: chat.shareExpiresAt?.toISOString() ?? null,
    ...shareModeOut(chat),
  };
}

function shareModeOut(chat: Chat) {
  return {
    share_mode: chat.shareMode,
    snapshot_at: chat.snapshotAt?.toISOString() ?? null,
    shared_at: chat.sharedAt?.toISOString() ?? null,
  };
}

/** Whether a share link has stopped working (`expiresAt`: an ISO string, a Date or null). */
export function shareHasExpired(expiresAt: string | Date | null, now = Date.now()): boolean {
  return expiresAt !== null && new Date(expiresAt).getTime() <= now;
}

/** The public view of a shared chat: no owner, no ids beyond the share id. */
export function toSharedChatOut(chat: Chat, messages: PublicMessage[]): SharedChatOut {
  return {
    share_id: chat.shareId,
    title: chat.title,
    created_at: chat.createdAt.toISOString(),
    updated_at: chat.updatedAt.toISOString(),
    messages: messages.map(toMessageOut),
  };
}

export function toSearchResultOut(hit: SearchHit): SearchResultOut {
  return {
    chat_id: hit.chatId,
    title: hit.title,
    is_archived: hit.isArchived,
    message_id: hit.messageId,
    ...toSnippet(hit.headline),
    created_at: hit.createdAt.toISOString(),
  };
}
