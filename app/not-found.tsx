import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = {
  title: "Not found",
  robots: { index: false, follow: false },
};

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <h1 className="text-2xl font-semibold">This page is not here</h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        The link may be wrong, or the chat was deleted or is no longer shared.
      </p>
      <Link href="/" className="font-medium underline">
        Go to SkillMate Chats
      </Link>
    </main>
  );
}
