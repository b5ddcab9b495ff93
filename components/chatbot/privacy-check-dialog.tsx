"use client";

import type { PrivacyFindingOut } from "@/lib/validation/privacy";
import { ConfirmDialog } from "./confirm-dialog";
import { PrivacyFinding } from "./privacy-finding";

/** What the check before a share found: a finding list, or null when the check failed. */
export type ShareReview = { chatId: string; title: string; findings: PrivacyFindingOut[] | null };

// A long list helps no one decide: the first few, and how many more.
const SHOWN = 8;

export function PrivacyCheckDialog({
  review,
  onShare,
  onClose,
}: {
  review: ShareReview | null;
  onShare: (chatId: string) => void;
  onClose: () => void;
}) {
  const findings = review?.findings ?? null;
  const count = findings?.length ?? 0;
  return (
    <ConfirmDialog
      open={review !== null}
      title="Share this chat?"
      body={
        // Closed, it says nothing: the page under it keeps no stray text.
        review === null
          ? ""
          : findings === null
            ? "Could not check this chat for private details (are you offline?). Anyone with the link will see all of it."
            : `“${review?.title ?? ""}” seems to contain private details (${count === 1 ? "1 finding" : `${count} findings`}). Anyone with the link will see them:`
      }
      confirmLabel="Share anyway"
      onClose={onClose}
      onConfirm={() => {
        if (review) onShare(review.chatId);
        onClose();
      }}
    >
      {findings && findings.length > 0 ? (
        <ul aria-label="Private details found" className="space-y-2 text-sm">
          {findings.slice(0, SHOWN).map((f) => (
            <li
              key={`${f.message_id}:${f.start}`}
              className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-700"
            >
              <PrivacyFinding finding={f} />
            </li>
          ))}
          {findings.length > SHOWN ? (
            <li className="text-zinc-600 dark:text-zinc-400">and {findings.length - SHOWN} more</li>
          ) : null}
        </ul>
      ) : null}
    </ConfirmDialog>
  );
}
