"use client";

import Link from "next/link";
import { primaryButton, secondaryButton } from "@/components/ui/button-classes";

// What a /chatbot page shows when it cannot render: most often the database down or
// restarting (the workspace layout and the chat page read it on the server). In
// production the browser gets only the error's digest, never what it was, so this page
// cannot tell an outage from a bug: it says what is most likely and offers to try again
// (`retry` fetches the segment from the server again). Such a page still answers 200:
// Next has streamed its shell before the read fails, and the browser renders this from
// the streamed error; a page cannot set 503 (docs/operations.md).
export default function ChatbotError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    error instanceof Error && "digest" in error && typeof error.digest === "string"
      ? error.digest
      : null;
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col items-center justify-center gap-4 px-4 text-center">
      <title>Temporarily unavailable · SkillMate Chats</title>
      <meta name="robots" content="noindex" />
      <h1 className="text-2xl font-semibold tracking-tight">
        SkillMate Chats is temporarily unavailable
      </h1>
      <p className="text-zinc-600 dark:text-zinc-400">
        This page could not be loaded just now. It usually works again within a few seconds, for
        example once the service has restarted.
      </p>
      <div className="flex gap-3">
        <button type="button" className={primaryButton} onClick={() => retry()}>
          Try again
        </button>
        <Link href="/" className={secondaryButton}>
          Home
        </Link>
      </div>
      {digest ? (
        <p className="text-xs text-zinc-500 dark:text-zinc-500">Reference: {digest}</p>
      ) : null}
    </main>
  );
}
