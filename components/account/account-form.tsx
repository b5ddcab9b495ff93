"use client";

import { type FormEvent, useState } from "react";
import { primaryButton } from "@/components/ui/button-classes";
import { type Refusal, refusalOf } from "@/lib/client/refusal";

/**
 * An account form's round trip: `save` sends the form's fields; on success `saved` says
 * what to announce (and may reset the form), on refusal the form shows why.
 */
export function useAccountForm({
  save,
  saved,
}: {
  save: (form: FormData) => Promise<unknown>;
  saved: (target: HTMLFormElement) => string;
}) {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Read before the first await: React no longer holds the event's target after it.
    const target = event.currentTarget;
    const form = new FormData(target);
    setBusy(true);
    setStatus("");
    const failed = await refusalOf(() => save(form));
    setBusy(false);
    setRefusal(failed);
    if (!failed) setStatus(saved(target));
  }

  return { refusal, status, busy, onSubmit };
}

/** The form's own message (one no field carries), its button and what it announces. */
export function AccountFormFooter({
  message,
  submitLabel,
  busy,
  status,
}: {
  message?: string;
  submitLabel: string;
  busy: boolean;
  status: string;
}) {
  return (
    <>
      {message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButton} disabled={busy}>
          {submitLabel}
        </button>
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {status}
        </p>
      </div>
    </>
  );
}
