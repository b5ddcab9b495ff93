"use client";

import { Link2, MessageSquarePlus } from "lucide-react";
import { useState } from "react";
import type { ErrorBody } from "@/lib/errors";

const button =
  "inline-flex items-center gap-2 rounded-lg px-4 py-2 text-sm font-medium disabled:opacity-60";

/** The only client code of the share page: copy its link, or continue it as your own chat. */
export function ShareActions({ shareId }: { shareId: string }) {
  const [status, setStatus] = useState<string>("");
  const [busy, setBusy] = useState(false);

  async function copyLink() {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setStatus("Link copied to the clipboard.");
    } catch {
      setStatus("Could not copy: copy the address from the address bar.");
    }
  }

  async function continueConversation() {
    setBusy(true);
    setStatus("Copying the conversation…");
    const response = await fetch(`/api/chats/share/${shareId}/continue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => null);
    if (response?.ok) {
      const chat = (await response.json()) as { id: string };
      window.location.assign(`/chatbot/c/${chat.id}`);
      return;
    }
    const body = (await response?.json().catch(() => null)) as ErrorBody | null;
    setStatus(body?.error.message ?? "Could not reach the server. Try again.");
    setBusy(false);
  }

  return (
    <div className="flex flex-col items-center gap-3">
      <div className="flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={continueConversation}
          disabled={busy}
          className={`${button} bg-zinc-900 text-white hover:bg-zinc-700 dark:bg-zinc-100 dark:text-zinc-900 dark:hover:bg-zinc-300`}
        >
          <MessageSquarePlus aria-hidden className="size-4" />
          Continue this conversation
        </button>
        <button
          type="button"
          onClick={copyLink}
          className={`${button} border border-zinc-300 hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800`}
        >
          <Link2 aria-hidden className="size-4" />
          Copy link
        </button>
      </div>
      <p role="status" className="min-h-5 text-sm text-zinc-600 dark:text-zinc-400">
        {status}
      </p>
    </div>
  );
}
