import Link from "next/link";
import type { ReactNode } from "react";

/** A page beside the chats (Shared links, Archived chats, Account settings): a way back, a title. */
export function SubPage({
  title,
  intro,
  narrow = false,
  children,
}: {
  title: string;
  intro?: ReactNode;
  narrow?: boolean;
  children: ReactNode;
}) {
  return (
    <main className={`mx-auto w-full ${narrow ? "max-w-2xl" : "max-w-3xl"} px-4 py-8`}>
      <Link href="/chatbot" className="text-sm font-medium underline underline-offset-2">
        Back to chats
      </Link>
      <h1 className="mt-4 text-2xl font-semibold tracking-tight">{title}</h1>
      {intro ? <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">{intro}</p> : null}
      {children}
    </main>
  );
}
