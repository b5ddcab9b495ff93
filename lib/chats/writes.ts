import "server-only";
import { ChatIdTakenError, MessageIdTakenError } from "@/db/errors";
import {
  appendMessages,
  type ChatChanges,
  changeSharing,
  createChatWithMessages,
  deleteLastReply,
  deleteOwnedChat,
  deleteOwnedChats,
  getOwnedChatWithMessages,
  getSharedChatByShareId,
  type NewMessage,
  type Owner,
  replaceFromMessage,
  retakeShareSnapshot,
  setOwnedChatsArchived,
  unshareAllOwned,
  updateOwnedChat,
} from "@/db/queries/chats";
import type { Chat } from "@/db/schema";
import { expireSharedChat, expireSharedChats } from "@/lib/cache/public-cache";
import { shareHasExpired } from "@/lib/chats/serialize";
import { newShareId, SHARE_ID_PATTERN } from "@/lib/chats/share-id";
import { AppError } from "@/lib/errors";
import { BRANCH_TITLE_PREFIX, TITLE_MAX } from "@/lib/validation/chat";
import {
  branchPointGone,
  chatIdTaken,
  chatNotFound,
  guestCannotPublish,
  messageIdTaken,
  sharedChatExpired,
  sharedChatNotFound,
} from "./errors";
import { runImport } from "./import";
import type { ImportReader } from "./import-format";
import { newSnapshot, type RedactChoice, retakenSnapshot } from "./share-snapshot";
import { uuidV5 } from "./uuid-v5";

// Every write to a chat, from the API and the chatbot alike. Each one that can change
// what the public sees of a shared chat expires its cached page here, before it returns,
// so that no caller has to remember to (tests/api/chat-writes-expire.test.ts holds every
// export of this file to that).

async function mapTakenIds<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (error instanceof MessageIdTakenError) throw messageIdTaken(error.messageId);
    if (error instanceof ChatIdTakenError) throw chatIdTaken(error.chatId);
    throw error;
  }
}

/**
 * A new chat with its first messages, all or nothing; with a client-chosen id, a retry
 * answers the chat the first try made. A new chat is never shared.
 */
export function createChat(args: Parameters<typeof createChatWithMessages>[0]) {
  return mapTakenIds(createChatWithMessages(args));
}

/**
 * A copy of a shared chat for the caller, read fresh (not from the cache: a chat
 * unshared a moment ago must not be copied): what the public sees of it, a snapshot
 * link's snapshot (redactions and all). The original is untouched.
 */
export async function continueSharedChat({ shareId, owner }: { shareId: string; owner: Owner }) {
  const shared = SHARE_ID_PATTERN.test(shareId) ? await getSharedChatByShareId({ shareId }) : null;
  if (!shared) throw sharedChatNotFound();
  if (shareHasExpired(shared.chat.shareExpiresAt)) throw sharedChatExpired();
  return createChat({
    owner,
    // A redacted title may have grown past what a title holds.
    title: shared.chat.title.slice(0, TITLE_MAX),
    messages: shared.messages
      .filter((m) => !m.isError)
      .map((m) => ({ messageType: m.messageType, content: m.content })),
  });
}

/**
 * A new chat of the caller holding one of their chats up to and including `through`
 * (error replies left out): the conversation as it stood there, to go on from while the
 * original stays as it is. With a client-chosen `newId`, a retry answers the chat the
 * first try made, as it is (the original may have changed since); two tries at once make
 * one chat, since the copies' ids derive from it.
 */
export async function branchChat({
  id,
  owner,
  through,
  newId,
}: {
  id: string;
  owner: Owner;
  through: string;
  newId?: string;
}) {
  const made = newId ? await getOwnedChatWithMessages({ id: newId, owner }) : null;
  if (made) return made;
  const found = await getOwnedChatWithMessages({ id, owner });
  if (!found) throw chatNotFound();
  const end = found.messages.findIndex((m) => m.id === through.toLowerCase());
  if (end < 0) throw branchPointGone();
  const copies = found.messages
    .slice(0, end + 1)
    .filter((m) => !m.isError)
    .map((m) => ({
      id: newId ? uuidV5(m.id, newId.toLowerCase()) : crypto.randomUUID(),
      messageType: m.messageType,
      content: m.content,
    }));
  return createChat({
    id: newId,
    owner,
    title: `${BRANCH_TITLE_PREFIX}${found.chat.title}`.slice(0, TITLE_MAX),
    messages: copies,
    branchedFrom: { chatId: found.chat.id, afterMessageId: copies.at(-1)?.id ?? null },
  });
}

/** Rename, share or unshare, discoverability, pin and archive. */
export async function updateChat({
  id,
  owner,
  changes,
}: {
  id: string;
  owner: Owner;
  changes: ChatChanges;
}): Promise<Chat> {
  // Before any write, so that no other change of the same request applies either.
  if (changes.isDiscoverable && "guestId" in owner) throw guestCannotPublish();
  const chat = await updateOwnedChat({ id, owner, changes });
  if (!chat) throw chatNotFound();
  // Anything visible on a shared page changed, or sharing itself did. Pinning and
  // archiving are the owner's alone: the public page stays cached; so does a snapshot's
  // title, which a rename does not touch.
  const publicChange =
    (changes.title !== undefined && chat.shareMode === "live") ||
    changes.isDiscoverable !== undefined ||
    changes.shareExpiresAt !== undefined;
  if ((chat.isShared && publicChange) || changes.isShared !== undefined) {
    await expireSharedChat(chat.shareId);
  }
  return chat;
}

/**
 * Sets sharing, or flips it when `isShared` is left out. `expiresIn`: seconds until the
 * link stops working, null for never; left out, a shared chat keeps its expiry and a new
 * share never expires; given, it shares. `newLink`: a new share id as it shares, the old
 * link dead at once. `mode`: "snapshot" takes a snapshot now (hiding the findings of
 * `redact`), "live" drops it; given, it shares; left out, the mode is kept. The share id
 * never changes with the mode.
 */
export async function setSharing({
  id,
  owner,
  isShared,
  expiresIn,
  newLink = false,
  mode,
  redact,
}: {
  id: string;
  owner: Owner;
  isShared?: boolean;
  expiresIn?: number | null;
  newLink?: boolean;
  mode?: "live" | "snapshot";
  /** Only with mode "snapshot" (the request schema refuses it otherwise). */
  redact?: RedactChoice;
}): Promise<Chat> {
  const implied = expiresIn !== undefined || mode !== undefined;
  const changed = await changeSharing({
    id,
    owner,
    isShared: isShared ?? (implied ? true : "toggle"),
    mode: mode === "snapshot" ? { snapshot: newSnapshot(redact) } : mode,
    expiresAt:
      expiresIn === undefined || expiresIn === null
        ? expiresIn
        : new Date(Date.now() + expiresIn * 1000),
    newShareId: newLink ? newShareId() : undefined,
  });
  if (!changed) throw chatNotFound();
  const { chat, previousShareId } = changed;
  await expireSharedChats([...new Set([previousShareId, chat.shareId])]);
  return chat;
}

/**
 * Gives the chat a new share id, shared or not: the old link is 404 at the next request
 * on every instance (its tag expires, which also drops the proxy's answer for it), the
 * new one works at once if the chat is shared.
 */
export async function rotateShareLink({ id, owner }: { id: string; owner: Owner }) {
  const changed = await changeSharing({ id, owner, isShared: "keep", newShareId: newShareId() });
  if (!changed) throw chatNotFound();
  await expireSharedChats([changed.previousShareId, changed.chat.shareId]);
  return changed.chat;
}

// Not in ./errors.ts: only updateSnapshot refuses this way.
const liveLinkHasNoSnapshot = () =>
  new AppError(
    "conflict",
    "This link is live: it always shows the chat as it is. Share it as a snapshot first.",
  );

/**
 * Takes a snapshot link's snapshot again, from the chat as it is now, keeping the link;
 * shared or not (the snapshot is what a re-share shows). `redact` as in setSharing; left
 * out, the stored choice is applied again ("all": every finding now; a list: those of
 * its items still found). A live link: 409.
 */
export async function updateSnapshot({
  id,
  owner,
  redact,
}: {
  id: string;
  owner: Owner;
  redact?: RedactChoice;
}): Promise<Chat> {
  const chat = await retakeShareSnapshot({ id, owner, build: retakenSnapshot(redact) });
  if (!chat) throw chatNotFound();
  if (chat === "live") throw liveLinkHasNoSnapshot();
  await expireSharedChat(chat.shareId);
  return chat;
}

/** Deletes the chat and its messages; its share link dies at once. */
export async function deleteChat({ id, owner }: { id: string; owner: Owner }): Promise<void> {
  const deleted = await deleteOwnedChat({ id, owner });
  if (!deleted) throw chatNotFound();
  if (deleted.isShared) await expireSharedChat(deleted.shareId);
}

// Chats changed per statement by the writes to all of an owner's chats: each batch
// commits on its own, so a long history holds no lock for long, and a retry after a
// failure carries on where it stopped.
export const ALL_CHATS_BATCH = 500;

/** Runs `batch` (how many chats it changed) until one changes fewer than a batch holds. */
async function inBatches(batch: () => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const changed = await batch();
    total += changed;
    if (changed < ALL_CHATS_BATCH) return total;
  }
}

/**
 * Deletes every chat of the owner, archived ones too, with their messages; each shared
 * link dies as its batch goes. Returns how many chats were deleted.
 */
export function deleteAllChats({ owner }: { owner: Owner }): Promise<number> {
  return inBatches(async () => {
    const batch = await deleteOwnedChats({ owner, limit: ALL_CHATS_BATCH });
    await expireSharedChats(batch.filter((chat) => chat.isShared).map((chat) => chat.shareId));
    return batch.length;
  });
}

/**
 * Archives every chat of the owner that is not archived yet, pinned ones too; shared links
 * keep working (archiving is the owner's alone, as for one chat). Returns how many.
 */
export function archiveAllChats({ owner }: { owner: Owner }): Promise<number> {
  return inBatches(() => setOwnedChatsArchived({ owner, archived: true, limit: ALL_CHATS_BATCH }));
}

/** Brings every archived chat of the owner back to the list. Returns how many. */
export function unarchiveAllChats({ owner }: { owner: Owner }): Promise<number> {
  return inBatches(() => setOwnedChatsArchived({ owner, archived: false, limit: ALL_CHATS_BATCH }));
}

/** Revokes every share link of the owner at once; each page is gone at the next request. */
export async function unshareAll({ owner }: { owner: Owner }): Promise<number> {
  const revoked = await unshareAllOwned({ owner });
  await expireSharedChats(revoked);
  return revoked.length;
}

/** Whether the public page of this chat shows it as it is now (shared, and live). */
const showsLiveChat = (chat: Chat) => chat.isShared && chat.shareMode === "live";

/**
 * Adds messages, idempotently by id; a shared chat's page shows them at once (a
 * snapshot link's does not: it shows its snapshot until the owner takes it again).
 */
export async function saveMessages(args: { chatId: string; owner: Owner; messages: NewMessage[] }) {
  const saved = await mapTakenIds(appendMessages(args));
  if (!saved) throw chatNotFound();
  if (showsLiveChat(saved.chat) && saved.inserted.length > 0) {
    await expireSharedChat(saved.chat.shareId);
  }
  return saved;
}

// Not in ./errors.ts: no other write refuses this way. Unexported, as every export of this
// file must be a write (see the note at the top).
const notTheLastReply = () =>
  new AppError(
    "conflict",
    "Only the chat's last reply can be replaced; the chat has changed. Reload it.",
  );

/**
 * Deletes the chat's last reply before the turn that replaces it (Retry, Regenerate)
 * starts; a shared chat's public page loses it at once. Not the chat's last message, or
 * not a reply: 409, and nothing changes; already deleted by this same request's earlier
 * try (the chat awaits a reply): the turn goes on. Not one step with the new reply: should that
 * turn store nothing (stopped before its first word), the chat is left awaiting a reply,
 * which it then shows with Retry.
 */
export async function deleteReplyToReplace(args: { chatId: string; owner: Owner; id: string }) {
  const deleted = await deleteLastReply(args);
  if (!deleted) throw chatNotFound();
  if (deleted.outcome === "refused") throw notTheLastReply();
  if (deleted.outcome === "removed" && showsLiveChat(deleted.chat)) {
    await expireSharedChat(deleted.chat.shareId);
  }
}

const notAnEditableMessage = () =>
  new AppError(
    "conflict",
    "Only a message of yours that is still in the chat can be edited; the chat has changed. Reload it.",
  );

/**
 * An Edit: the user message `id` and every message after it give way to `replacement`,
 * all at once; a shared chat's public page shows that at once. A reply, or a message no
 * longer in the chat: 409, and nothing changes. Already done by this same request's
 * earlier try (the replacement is stored): the turn goes on.
 */
export async function replaceForEdit(args: {
  chatId: string;
  owner: Owner;
  id: string;
  replacement: NewMessage & { id: string };
}) {
  const replaced = await mapTakenIds(replaceFromMessage(args));
  if (!replaced) throw chatNotFound();
  if (replaced.outcome === "refused") throw notAnEditableMessage();
  if (replaced.outcome === "replaced" && showsLiveChat(replaced.chat)) {
    await expireSharedChat(replaced.chat.shareId);
  }
  return replaced;
}

/**
 * Imports a ChatGPT export or this app's own into the owner's chats, all or nothing
 * (lib/chats/import.ts). New chats are never shared; a chat imported before that
 * gets messages it lacked may be, and its public page shows them at once.
 */
export async function importChats(args: {
  owner: Owner;
  reader: ImportReader;
  bytes: AsyncIterable<Uint8Array>;
}) {
  const { result, changedShareIds } = await mapTakenIds(runImport(args));
  await expireSharedChats(changedShareIds);
  return result;
}
