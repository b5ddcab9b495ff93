import type { Metadata } from "next";
import { NewChatView } from "@/components/chatbot/new-chat-view";
import { currentCaller } from "@/lib/identity/current-caller";

// Per caller (cookies), like its layout: rendered per request.
export const instant = false;

export const metadata: Metadata = { title: "New chat" };

export default async function NewChatPage() {
  const caller = await currentCaller();
  return <NewChatView isGuest={caller.kind !== "user"} />;
}
