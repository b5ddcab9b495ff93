import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { getSharedChatByShareId } from "@/db/queries/chats";
import { SHARE_CACHE_LIFE, shareTag } from "@/lib/cache/public-cache";
import { toSharedChatOut } from "@/lib/chats/serialize";
import type { SharedChatOut } from "@/lib/validation/chat";

// The page also needs these two, which endpoint 10 of the contract does not list.
export type PublicChat = SharedChatOut & { is_discoverable: boolean; shared_at: string };

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
  if (!shared) return null;
  const { chat, messages } = shared;
  return {
    ...toSharedChatOut(chat, messages),
    // Only an account's chat is ever indexable (the database holds that too).
    is_discoverable: chat.isDiscoverable && chat.userId !== null,
    shared_at: (chat.sharedAt ?? chat.updatedAt).toISOString(),
  };
}
