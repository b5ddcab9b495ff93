import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db/client";
import { chats } from "@/db/schema";
import { expireSharedChat } from "@/lib/cache/public-cache";
import { createShareExposure } from "@/lib/chats/share-exposure";
import { newShareId } from "@/lib/chats/share-id";
import { signedInUser } from "../helpers/callers";

// The proxy's in-memory answers (lib/chats/share-exposure.ts): bounded whatever ids
// anonymous visitors make up, kept for the ids in use, dropped when a chat's tag expires.

/** Unshares a chat behind the app's back: no tag expires, so only a cached answer says "shared". */
async function unshareSilently(shareId: string) {
  const db = await getDb();
  await db.update(chats).set({ isShared: false }).where(eq(chats.shareId, shareId));
}

// An instance of its own with a small bound: the process's one holds 10,000 answers, and
// filling it took over 10,000 queries (about 25 s on PGlite) for the same check.
const MAX_ENTRIES = 200;

test("made-up ids never hold more than the bound of answers, and a chat in use keeps its answer", async () => {
  const exposure = createShareExposure({ maxEntries: MAX_ENTRIES });
  const user = await signedInUser("exposure");
  const db = await getDb();
  const [chat] = await db
    .insert(chats)
    .values({ userId: user.userId, shareId: newShareId(), isShared: true })
    .returning();
  const shareId = chat?.shareId ?? "";
  expect(await exposure.get(shareId)).toEqual({ shared: true, indexable: false });

  for (let i = 0; i < MAX_ENTRIES * 2; i++) {
    expect(await exposure.get(newShareId())).toEqual({ shared: false, indexable: false });
    // Viewed now and then, as a real shared chat is: it stays among the recent.
    if (i % 50 === 0) await exposure.get(shareId);
    expect(exposure.size()).toBeLessThanOrEqual(MAX_ENTRIES);
  }
  expect(exposure.size()).toBe(MAX_ENTRIES);

  await unshareSilently(shareId);
  expect((await exposure.get(shareId)).shared).toBe(true);
  await expireSharedChat(shareId);
  expect((await exposure.get(shareId)).shared).toBe(false);
});
