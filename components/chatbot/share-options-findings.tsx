"use client";

import { Loader2 } from "lucide-react";
import { useId } from "react";
import { PrivacyFinding } from "./privacy-finding";
import { type Finding, findingKey } from "./share-options-plan";

/** The privacy check as the dialog holds it: running, its findings, or why it failed. */
export type CheckState =
  | { kind: "checking" }
  | { kind: "done"; findings: Finding[] }
  | { kind: "failed"; message: string };

const linkButton =
  "text-sm font-medium underline underline-offset-2 hover:text-zinc-600 disabled:opacity-60 dark:hover:text-zinc-300";

/**
 * What the privacy check found, each with "Hide in the shared copy". Hiding needs a
 * snapshot (a live link shows the chat itself), so the boxes wait for Snapshot.
 */
export function ShareFindings({
  check,
  snapshot,
  hidden,
  onToggle,
  onRecheck,
}: {
  check: CheckState;
  snapshot: boolean;
  hidden: ReadonlySet<string>;
  onToggle: (key: string, hide: boolean) => void;
  onRecheck: () => void;
}) {
  const headingId = useId();
  const noteId = useId();
  return (
    <section aria-labelledby={headingId} className="text-sm">
      <div className="flex items-center justify-between gap-2">
        <h3 id={headingId} className="font-semibold">
          Private details
        </h3>
        <button
          type="button"
          className={linkButton}
          disabled={check.kind === "checking"}
          onClick={onRecheck}
        >
          Check again
        </button>
      </div>
      {check.kind === "checking" ? (
        <p role="status" className="mt-1 flex items-center gap-2 text-zinc-600 dark:text-zinc-400">
          <Loader2 aria-hidden size={14} className="animate-spin" />
          Checking the chat for private details…
        </p>
      ) : check.kind === "failed" ? (
        <p role="alert" className="mt-1 text-red-700 dark:text-red-400">
          Could not check this chat for private details: {check.message}
        </p>
      ) : check.findings.length === 0 ? (
        <p className="mt-1 text-zinc-600 dark:text-zinc-400">
          No emails, phone numbers, card numbers, IBANs or keys found. The check helps; it does not
          guarantee.
        </p>
      ) : (
        <>
          <p id={noteId} className="mt-1 text-zinc-600 dark:text-zinc-400">
            {snapshot
              ? "Ticked details read [redacted] in the shared copy; your chat keeps them."
              : "A live link shows these to anyone who has it. To hide them, share a snapshot."}
          </p>
          <ul aria-label="Private details found" className="mt-2 space-y-2">
            {check.findings.map((finding) => (
              <FindingItem
                key={findingKey(finding)}
                finding={finding}
                disabled={!snapshot}
                describedBy={noteId}
                hidden={hidden.has(findingKey(finding))}
                onToggle={(hide) => onToggle(findingKey(finding), hide)}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function FindingItem({
  finding,
  disabled,
  describedBy,
  hidden,
  onToggle,
}: {
  finding: Finding;
  disabled: boolean;
  describedBy: string;
  hidden: boolean;
  onToggle: (hide: boolean) => void;
}) {
  const whatId = useId();
  return (
    <li className="rounded-lg border border-zinc-200 px-3 py-2 dark:border-zinc-700">
      <div id={whatId}>
        <PrivacyFinding finding={finding} />
      </div>
      <label
        className={`mt-1.5 inline-flex items-center gap-2 ${disabled ? "text-zinc-500 dark:text-zinc-500" : "cursor-pointer"}`}
      >
        <input
          type="checkbox"
          checked={hidden}
          disabled={disabled}
          aria-describedby={`${whatId} ${describedBy}`}
          onChange={(event) => onToggle(event.target.checked)}
          className="size-4 accent-zinc-900 dark:accent-zinc-100"
        />
        Hide in the shared copy
      </label>
    </li>
  );
}
