import "server-only";
import type { SnapshotBuilder, SnapshotContent } from "@/db/queries/share-snapshots";
import type { Message, SnapshotRange } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { type ChatRange, redactChat, sameRange } from "@/lib/privacy/redact";
import { type ChatFinding, scanChat } from "@/lib/privacy/scan";

// What a snapshot link shows: the chat as it is when the owner takes the snapshot, with
// the findings of the privacy check they chose hidden. Stored already redacted, so that
// the public read does no work and a later change of the detectors cannot unhide anything.

/** The owner's choice: every finding of the check, or these ones ([] for none). */
export type RedactChoice = "all" | ChatRange[];

const notAFinding = (index: number) =>
  new AppError("validation_error", "Some of the chosen findings are no longer in the chat.", {
    issues: [
      {
        path: `redact.${index}`,
        message: "Not a finding of the privacy check: check the chat again.",
      },
    ],
  });

const rangeOf = (f: ChatRange): SnapshotRange => ({
  message_id: f.message_id?.toLowerCase() ?? null,
  start: f.start,
  end: f.end,
});

/**
 * The ranges to hide. "all": every finding now. A list the owner just sent (`strict`):
 * each item must be a finding now, or the whole write is refused (400 naming it). A list
 * stored with the previous snapshot: those of its items that are still findings.
 */
function rangesToHide(findings: ChatFinding[], choice: RedactChoice, strict: boolean) {
  if (choice === "all") return findings.map(rangeOf);
  const kept: SnapshotRange[] = [];
  choice.forEach((item, index) => {
    const found = findings.some((f) => sameRange(f, item));
    if (found) {
      if (!kept.some((k) => sameRange(k, item))) kept.push(rangeOf(item));
    } else if (strict) throw notAFinding(index);
  });
  return kept;
}

function snapshotOf(
  chat: { title: string },
  messages: Message[],
  choice: RedactChoice,
  strict: boolean,
): SnapshotContent {
  const { findings } = scanChat({ title: chat.title, messages });
  const redactedRanges = rangesToHide(findings, choice, strict);
  const redacted = redactChat({ title: chat.title, messages }, redactedRanges);
  return {
    title: redacted.title,
    messages: redacted.messages.map((m) => ({
      id: m.id,
      message_type: m.messageType,
      content: m.content,
      is_error: m.isError,
      created_at: m.createdAt.toISOString(),
    })),
    // Stored as the owner meant it: "all" stays "all" (every finding of each retake).
    redact: choice === "all" ? "all" : redactedRanges,
    redactedRanges,
  };
}

/**
 * A snapshot taken as the owner shares: `redact` as sent (left out: nothing hidden),
 * every item of a list a finding of the chat as it is now.
 */
export function newSnapshot(redact: RedactChoice = []): SnapshotBuilder {
  return ({ chat, messages }) => snapshotOf(chat, messages, redact, true);
}

/**
 * The snapshot taken again: with `redact`, as sent (checked as newSnapshot does);
 * without it, the stored choice applied to the chat as it is now.
 */
export function retakenSnapshot(redact: RedactChoice | undefined): SnapshotBuilder {
  return ({ chat, messages, stored }) =>
    redact !== undefined
      ? snapshotOf(chat, messages, redact, true)
      : snapshotOf(chat, messages, stored?.redact ?? [], false);
}

/** Whether a finding of the check is hidden in the snapshot the link shows now. */
export function isRedacted(finding: ChatRange, redactedRanges: readonly SnapshotRange[]): boolean {
  return redactedRanges.some((range) => sameRange(range, finding));
}
