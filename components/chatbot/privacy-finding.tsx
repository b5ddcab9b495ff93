import { PRIVACY_KIND_LABELS } from "@/lib/privacy/kinds";
import type { PrivacyFindingOut } from "@/lib/validation/privacy";

/** One finding of the privacy check as both dialogs show it: its kind, where, the excerpt. */
export function PrivacyFinding({ finding }: { finding: PrivacyFindingOut }) {
  return (
    <>
      <span className="font-medium">{PRIVACY_KIND_LABELS[finding.kind]}</span>
      {finding.message_id === null ? (
        <span className="text-zinc-600 dark:text-zinc-400"> (in the title)</span>
      ) : null}
      <code className="mt-1 block font-mono text-xs [overflow-wrap:anywhere] text-zinc-700 dark:text-zinc-300">
        {finding.excerpt}
      </code>
    </>
  );
}
