import { AppError } from "@/lib/errors";

// Only accounts publish to search engines: a page indexed under our name needs someone
// who can be held to it, and guests are free and anonymous. (The database also refuses
// a discoverable chat without an account: chats_chat_discoverable_needs_account.)
export function guestCannotPublish(): AppError {
  return new AppError(
    "forbidden",
    "Only signed-in accounts can let search engines index a chat. Sign up to make it discoverable.",
  );
}
