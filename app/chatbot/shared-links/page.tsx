import type { Metadata } from "next";
import Link from "next/link";
import { SharedLinks } from "@/components/share-links/shared-links";
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

/** Every chat the caller shares, with its link, and a way to revoke one or all. */
export default async function SharedLinksPage() {
  const owner = ownerOf(await currentCaller());
  const [page, baseUrl] = await Promise.all([
    owner
      ? listChatsByOwner({ owner, limit: SHOWN, shared: true, archived: "all" })
      : { chats: [], hasMore: false },
    pageBaseUrl(),
  ]);
  return (
    <main className="mx-auto w-full max-w-3xl px-4 py-8">
      <Link href="/chatbot" className="text-sm font-medium underline underline-offset-2">
        Back to chats
      </Link>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">Shared links</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
        Anyone with one of these links can read the chat. Unsharing makes the link stop working at
        once.
      </p>
      <SharedLinks
        initial={page.chats.map((chat) => ({
          ...toChatOut(chat, baseUrl),
          shared_at: (chat.sharedAt ?? chat.updatedAt).toISOString(),
        }))}
        more={page.hasMore}
      />
    </main>
  );
}
