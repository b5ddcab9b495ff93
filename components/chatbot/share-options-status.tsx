"use client";

import { Link2 } from "lucide-react";
import { type ReactNode, useId } from "react";
import { secondaryButton } from "@/components/ui/button-classes";
import { dateTime, expiryLabel, hasExpired, isPublic, type ShareChat } from "./share-options-plan";

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="grid gap-x-3 gap-y-0.5 sm:grid-cols-[9rem_1fr]">
      <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="min-w-0">{children}</dd>
    </div>
  );
}

function sharingLabel(chat: ShareChat, now: number): string {
  if (!chat.is_shared) return "Not shared: only you can see this chat.";
  if (hasExpired(chat, now)) return "Link expired: nobody can open it.";
  return "Shared: anyone with the link can read it.";
}

function modeLabel(chat: ShareChat): string {
  if (chat.share_mode === "snapshot") {
    return chat.snapshot_at
      ? `Snapshot taken ${dateTime.format(new Date(chat.snapshot_at))}`
      : "Snapshot";
  }
  return "Live: the chat as it is now, including new messages";
}

/** "What is public now": the chat's sharing as the server last answered it. */
export function ShareStatus({
  chat,
  now,
  onCopy,
}: {
  chat: ShareChat;
  now: number;
  onCopy: (url: string) => void;
}) {
  const open = isPublic(chat, now);
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="rounded-lg border border-zinc-200 bg-zinc-50 p-3 text-sm dark:border-zinc-700 dark:bg-zinc-950"
    >
      <h3 id={headingId} className="font-semibold">
        What is public now
      </h3>
      <dl className="mt-2 space-y-2">
        <Row term="Sharing">
          <span className={open ? "font-medium text-sky-800 dark:text-sky-300" : undefined}>
            {sharingLabel(chat, now)}
          </span>
        </Row>
        {chat.is_shared && chat.share_url ? (
          <Row term="Link">
            <div className="flex flex-wrap items-center gap-2">
              <code className="min-w-0 flex-1 font-mono text-xs [overflow-wrap:anywhere]">
                {chat.share_url}
              </code>
              <button
                type="button"
                className={`${secondaryButton} gap-1.5 !px-3 !py-1`}
                onClick={() => chat.share_url && onCopy(chat.share_url)}
              >
                <Link2 aria-hidden size={14} />
                Copy link
              </button>
            </div>
          </Row>
        ) : null}
        {chat.is_shared ? (
          <>
            <Row term="Shows">{modeLabel(chat)}</Row>
            <Row term="Expiry">{expiryLabel(chat, now)}</Row>
          </>
        ) : null}
        <Row term="Search engines">
          {open && chat.is_discoverable ? "Indexed by search engines" : "Not indexed"}
        </Row>
      </dl>
    </section>
  );
}
