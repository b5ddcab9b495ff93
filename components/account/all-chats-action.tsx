"use client";

import { dangerButton, secondaryButton } from "@/components/ui/button-classes";
import { chatsApi } from "@/lib/client/chats-api";
import { ConfirmedCall } from "./confirmed-call";

// What each button of the settings' Chats section does, and how its dialog asks.
const ACTIONS = {
  archive: {
    label: "Archive all chats",
    body: "Every chat leaves the list for Archived chats, where you can open or unarchive it. Shared links keep working.",
    className: secondaryButton,
    call: chatsApi.archiveAll,
  },
  delete: {
    label: "Delete all chats",
    body: "Every chat, archived ones too, and its messages are deleted for good. Their shared links stop working at once.",
    className: dangerButton,
    call: chatsApi.deleteAll,
  },
};

/**
 * Archives or deletes every chat of the caller, once confirmed; then an empty new chat
 * (a full load: the sidebar's list, held by the chat pages, must not show them again).
 */
export function AllChatsAction({ kind }: { kind: keyof typeof ACTIONS }) {
  return <ConfirmedCall {...ACTIONS[kind]} then="/chatbot" />;
}
