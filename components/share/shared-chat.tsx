import Link from "next/link";
import type { PublicChat } from "@/lib/chats/public-chat";
import { ShareActions } from "./share-actions";
import { SharedMessage } from "./shared-message";

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" });

/** A shared chat, read-only: no composer and nothing about its owner. */
export function SharedChat({ chat }: { chat: PublicChat }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <Link href="/" className="font-semibold tracking-tight">
          SkillMate Chats
        </Link>
      </header>
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
        <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{chat.title}</h1>
        <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">
          Shared on{" "}
          <time dateTime={chat.shared_at}>{dateFormat.format(new Date(chat.shared_at))}</time>
          {" · "}
          {chat.messages.length} {chat.messages.length === 1 ? "message" : "messages"}
        </p>
        <ol className="mt-8 flex flex-col gap-6" aria-label="Conversation">
          {chat.messages.map((message) => (
            <SharedMessage key={message.id} message={message} />
          ))}
        </ol>
      </main>
      <footer className="border-t border-zinc-200 px-4 py-6 dark:border-zinc-800">
        <ShareActions shareId={chat.share_id} />
        <p className="mt-2 text-center text-xs text-zinc-600 dark:text-zinc-400">
          This is a copy of a conversation with SkillMate, shared by its author.
        </p>
      </footer>
    </div>
  );
}
