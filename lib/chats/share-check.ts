import "server-only";
import type { Owner } from "@/db/queries/chats";
import { getShareSnapshotByChat } from "@/db/queries/share-snapshots";
import { redactText } from "@/lib/privacy/redact";
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
  let hidden = snapshot?.redactedRanges ?? [];
  // Messages never change, but a title does: its ranges count only while the title is
  // still the one the snapshot was taken of (the same ranges of a new title are others).
  const titleRanges = hidden.filter((r) => r.message_id === null);
  if (
    snapshot &&
    titleRanges.length > 0 &&
    redactText(chat.title, titleRanges) !== snapshot.title
  ) {
    hidden = hidden.filter((r) => r.message_id !== null);
  }
  const { findings, scanned_messages } = scanChat({ title: chat.title, messages });
  return {
    findings: findings.map((f) => ({ ...f, redacted: isRedacted(f, hidden) })),
    scanned_messages,
  };
}
