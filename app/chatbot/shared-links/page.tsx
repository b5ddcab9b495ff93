import type { Metadata } from "next";
import { SharedLinks } from "@/components/share-links/shared-links";
import { SubPage } from "@/components/ui/sub-page";
import { listChatsByOwner } from "@/db/queries/chats";
import { toChatOut } from "@/lib/chats/serialize";
import { ownerOf } from "@/lib/identity/caller";
import { currentCaller } from "@/lib/identity/current-caller";
import { pageBaseUrl } from "@/lib/public-url";

export const metadata: Metadata = {
  title: "Shared links",
  robots: { index: false },
};

// Reads the caller's cookies before anything can be shown: rendered per request.
export const instant = false;

// Enough for anyone's page of links; the API pages past it
// (GET /api/chats/?shared=true&archived=all). An archived chat's link works like any other.
const SHOWN = 100;

/** Every chat the caller shares, with its link, its Share options, and a way to revoke one or all. */
export default async function SharedLinksPage() {
  const caller = await currentCaller();
  const owner = ownerOf(caller);
  const [page, baseUrl] = await Promise.all([
    owner
      ? listChatsByOwner({ owner, limit: SHOWN, shared: true, archived: "all" })
      : { chats: [], hasMore: false },
    pageBaseUrl(),
  ]);
  return (
    <SubPage
      title="Shared links"
      intro="Anyone with one of these links can read the chat. Unsharing makes the link stop working at once."
    >
      <SharedLinks
        initial={page.chats.map((chat) => ({
          ...toChatOut(chat, baseUrl),
          shared_at: (chat.sharedAt ?? chat.updatedAt).toISOString(),
        }))}
        more={page.hasMore}
        canPublish={caller.kind === "user"}
      />
    </SubPage>
  );
}
