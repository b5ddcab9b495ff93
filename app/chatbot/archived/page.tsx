import type { Metadata } from "next";
import { ArchivedChats } from "@/components/archived/archived-chats";
import { SubPage } from "@/components/ui/sub-page";
import { listChatsByOwner } from "@/db/queries/chats";
import { encodeCursor } from "@/lib/chats/cursor";
import { toChatOut } from "@/lib/chats/serialize";
import { ownerOf } from "@/lib/identity/caller";
import { currentCaller } from "@/lib/identity/current-caller";
import { pageBaseUrl } from "@/lib/public-url";

export const metadata: Metadata = {
  title: "Archived chats",
  robots: { index: false },
};

// Reads the caller's cookies before anything can be shown: rendered per request.
export const instant = false;

const FIRST_PAGE = 50;

/** The caller's archived chats: open one, bring it back to the list, or delete it. */
export default async function ArchivedPage() {
  const owner = ownerOf(await currentCaller());
  const [page, baseUrl] = await Promise.all([
    owner
      ? listChatsByOwner({ owner, limit: FIRST_PAGE, archived: true })
      : { chats: [], hasMore: false },
    pageBaseUrl(),
  ]);
  const last = page.chats.at(-1);
  return (
    <SubPage
      title="Archived chats"
      intro="Archived chats are kept, out of your chat list. Their share links keep working."
    >
      <ArchivedChats
        initial={page.chats.map((chat) => toChatOut(chat, baseUrl))}
        initialCursor={page.hasMore && last ? encodeCursor(last) : null}
      />
    </SubPage>
  );
}
