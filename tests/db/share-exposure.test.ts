import { eq } from "drizzle-orm";
import { expect, test } from "vitest";
import { getDb } from "@/db/client";
import { chats } from "@/db/schema";
import { expireSharedChat } from "@/lib/cache/public-cache";
import { getShareExposure, MAX_ENTRIES, shareExposureCount } from "@/lib/chats/share-exposure";
import { newShareId } from "@/lib/chats/share-id";
import { signedInUser } from "../helpers/callers";

// The proxy's in-memory answers (lib/chats/share-exposure.ts): bounded whatever ids
// anonymous visitors make up, kept for the ids in use, dropped when a chat's tag expires.

/** Unshares a chat behind the app's back: no tag expires, so only a cached answer says "shared". */
async function unshareSilently(shareId: string) {
  const db = await getDb();
  await db.update(chats).set({ isShared: false }).where(eq(chats.shareId, shareId));
}

test("made-up ids never hold more than MAX_ENTRIES answers, and a chat in use keeps its answer", async () => {
  const user = await signedInUser("exposure");
  const db = await getDb();
  const [chat] = await db
    .insert(chats)
    .values({ userId: user.userId, shareId: newShareId(), isShared: true })
    .returning();
  const shareId = chat?.shareId ?? "";
  expect(await getShareExposure(shareId)).toEqual({ shared: true, indexable: false });

  for (let i = 0; i < MAX_ENTRIES + 500; i++) {
    expect(await getShareExposure(newShareId())).toEqual({ shared: false, indexable: false });
    // Viewed now and then, as a real shared chat is: it stays among the recent.
    if (i % 1000 === 0) await getShareExposure(shareId);
    expect(shareExposureCount()).toBeLessThanOrEqual(MAX_ENTRIES);
  }
  expect(shareExposureCount()).toBe(MAX_ENTRIES);

  await unshareSilently(shareId);
  expect((await getShareExposure(shareId)).shared).toBe(true);
  await expireSharedChat(shareId);
  expect((await getShareExposure(shareId)).shared).toBe(false);
}, 120_000);
