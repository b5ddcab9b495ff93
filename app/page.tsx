import { MessageSquare } from "lucide-react";
import Link from "next/link";
import { AccountMenu } from "@/components/auth/account-menu";
import { currentCaller } from "@/lib/identity/current-caller";

// Reads the caller's cookies (or the query) before anything can be shown: rendered per request.
export const instant = false;

export default async function HomePage() {
  const caller = await currentCaller();
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="flex items-center justify-between border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <span className="font-semibold tracking-tight">SkillMate Chats</span>
        <AccountMenu caller={caller} />
      </header>
      <main className="mx-auto flex w-full max-w-2xl flex-1 flex-col justify-center gap-4 px-4 py-16">
        <h1 className="text-3xl font-semibold tracking-tight">
          {caller.kind === "user"
            ? `Welcome back, ${caller.name || caller.email}`
            : "Learn any skill, one conversation at a time"}
        </h1>
        <p className="text-zinc-600 dark:text-zinc-400">
          SkillMate keeps every conversation you have with it, and lets you share any of them with a
          link.
        </p>
        <div>
          <Link
            href="/chatbot"
            className="inline-flex items-center gap-2 rounded-xl bg-zinc-900 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300"
          >
            <MessageSquare aria-hidden size={20} />
            Start chatting
          </Link>
        </div>
      </main>
    </div>
  );
}
