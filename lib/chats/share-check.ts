import "server-only";
import type { Owner } from "@/db/queries/chats";
import { getShareSnapshotByChat } from "@/db/queries/share-snapshots";
import { scanChat } from "@/lib/privacy/scan";
import type { PrivacyCheckOut } from "@/lib/validation/privacy";
import { getOwnedChatOrThrow } from "./reads";
import { isRedacted } from "./share-snapshot";

/**
 * The privacy check of the owner's chat (its title and every message), each finding
 * marked `redacted` when the chat's current snapshot hides it (never, for a live link).
 */
export async function checkChatPrivacy({
  id,
  owner,
}: {
  id: string;
  owner: Owner;
}): Promise<PrivacyCheckOut> {
  const { chat, messages } = await getOwnedChatOrThrow({ id, owner });
  const snapshot =
    chat.shareMode === "snapshot" ? await getShareSnapshotByChat({ chatId: chat.id }) : null;
  const hidden = snapshot?.redactedRanges ?? [];
  const { findings, scanned_messages } = scanChat({ title: chat.title, messages });
  return {
    findings: findings.map((f) => ({ ...f, redacted: isRedacted(f, hidden) })),
    scanned_messages,
  };
}
