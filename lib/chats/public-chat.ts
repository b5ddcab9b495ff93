import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { getSharedChatByShareId, type PublicMessage } from "@/db/queries/chats";
import type { Chat } from "@/db/schema";
import { SHARE_CACHE_LIFE, shareTag } from "@/lib/cache/public-cache";
import { toSharedChatOut } from "@/lib/chats/serialize";
import type { SharedChatOut } from "@/lib/validation/chat";

// The page also needs these, which endpoint 10 of the contract does not list. The expiry
// is in the cached value so that every reader checks it at serving time (shareHasExpired):
// a cached entry may outlive the link, and must then answer 410, not the chat.
// A snapshot link says when its snapshot was taken (its updated_at is that time too).
export type PublicChat = SharedChatOut & {
  is_discoverable: boolean;
  shared_at: string;
  share_expires_at: string | null;
  share_mode: "live" | "snapshot";
  snapshot_at: string | null;
};

/** What the public sees of a shared chat (getSharedChatByShareId: a snapshot's, if it is one). */
export function toPublicChat(chat: Chat, messages: PublicMessage[]): PublicChat {
  return {
    ...toSharedChatOut(chat, messages),
    // Only an account's chat is ever indexable (robots meta, JSON-LD): a guest's never,
    // whatever its flag says (the database refuses that flag on a guest's chat too).
    is_discoverable: chat.isDiscoverable && chat.userId !== null,
    shared_at: (chat.sharedAt ?? chat.updatedAt).toISOString(),
    share_expires_at: chat.shareExpiresAt?.toISOString() ?? null,
    share_mode: chat.shareMode,
    snapshot_at: chat.snapshotAt?.toISOString() ?? null,
  };
}

/**
 * A shared chat as the public sees it, cached per share id until a write expires its
 * tag. null (not shared, deleted, unknown) is cached too, under the same tag, so that
 * re-sharing brings the page back at once. Callers check the id's shape first.
 */
export async function getPublicChat(shareId: string): Promise<PublicChat | null> {
  "use cache";
  cacheTag(shareTag(shareId));
  cacheLife(SHARE_CACHE_LIFE);
  const shared = await getSharedChatByShareId({ shareId });
  return shared ? toPublicChat(shared.chat, shared.messages) : null;
}
