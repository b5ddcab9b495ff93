import { sql } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { getDb } from "@/db/client";
import {
  countDiscoverableChats,
  getShareVisibility,
  listDiscoverableChats,
  listSitemapFileStarts,
} from "@/db/queries/chats";
import { type Chat, chats } from "@/db/schema";
import { toPublicChat } from "@/lib/chats/public-chat";
import { getShareExposure } from "@/lib/chats/share-exposure";
import { newShareId } from "@/lib/chats/share-id";
import { guest, signedInUser } from "../helpers/callers";

// Only an account's chat is ever indexable. The database refuses a discoverable guest
// chat (chats_chat_discoverable_needs_account); every public read checks the owner too,
// so that a row that got past it (an old backup restored, a constraint dropped) is
// still never published. This file's embedded database is its own: the constraint is
// dropped here to make such a row.
describe.skipIf(process.env.DATABASE_URL)(
  "a guest's chat marked discoverable behind the database's back",
  () => {
    test("is indexable nowhere: sitemap, X-Robots-Tag, robots meta and JSON-LD", async () => {
      const db = await getDb();
      const user = await signedInUser("publisher");
      const visitor = guest("publisher-guest");
      await db.execute(
        sql`alter table chats_chat drop constraint chats_chat_discoverable_needs_account`,
      );
      const made = await db
        .insert(chats)
        .values([
          { guestId: visitor.guestId, shareId: newShareId(), isShared: true, isDiscoverable: true },
          { userId: user.userId, shareId: newShareId(), isShared: true, isDiscoverable: true },
        ])
        .returning();
      const [ofGuest, ofAccount] = made as [Chat, Chat];

      expect(await getShareVisibility({ shareId: ofGuest.shareId })).toMatchObject({
        isShared: true,
        isDiscoverable: true,
        ownedByAccount: false,
      });
      expect(await getShareExposure(ofGuest.shareId)).toEqual({ shared: true, indexable: false });
      expect(await getShareExposure(ofAccount.shareId)).toEqual({ shared: true, indexable: true });

      expect(await countDiscoverableChats()).toBe(1);
      const listed = await listDiscoverableChats({ after: null, limit: 10 });
      expect(listed.map((c) => c.shareId)).toEqual([ofAccount.shareId]);
      expect(await listSitemapFileStarts({ perFile: 1 })).toEqual([ofAccount.id]);

      expect(toPublicChat(ofGuest, []).is_discoverable).toBe(false);
      expect(toPublicChat(ofAccount, []).is_discoverable).toBe(true);
    });
  },
);
