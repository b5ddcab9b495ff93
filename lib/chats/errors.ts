import { AppError } from "@/lib/errors";

// The chat aggregate's refusals, in the contract's terms. db/ answers null or throws its
// own errors; these are what the layers above turn them into.

/** Someone else's chat and no chat at all look the same: ids cannot be probed. */
export const chatNotFound = () => new AppError("not_found", "No such chat.");

export const sharedChatNotFound = () => new AppError("not_found", "No shared chat at this link.");

// Never stored by any cache: extending the link must work at once, everywhere.
export const sharedChatExpired = () =>
  new AppError("gone", "This share link has expired. Ask its owner for a new one.", {
    headers: { "cache-control": "no-store" },
  });

export const chatIdTaken = (id: string) =>
  new AppError("conflict", `Chat ${id} already exists; choose another id.`);

export const branchPointGone = () =>
  new AppError(
    "conflict",
    "That message is no longer in the chat (edited or regenerated meanwhile). Reload the chat and branch from what it holds now.",
  );

export const messageIdTaken = (id: string) =>
  new AppError("conflict", `Message ${id} already belongs to another chat.`);

// Only accounts publish to search engines: a page indexed under our name needs someone
// who can be held to it, and guests are free and anonymous. (The database also refuses
// a discoverable chat without an account: chats_chat_discoverable_needs_account.)
export const guestCannotPublish = () =>
  new AppError(
    "forbidden",
    "Only signed-in accounts can let search engines index a chat. Sign up to make it discoverable.",
  );
