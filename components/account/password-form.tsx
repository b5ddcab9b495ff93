"use client";

import { type FormEvent, useState } from "react";
import { primaryButton } from "@/components/ui/button-classes";
import { Field } from "@/components/ui/field";
import { accountApi } from "@/lib/client/account-api";
import { PASSWORD_MIN } from "@/lib/validation/user";
import { type Refusal, refusalOf } from "./api-refusal";

/** A new password: this browser stays signed in (a fresh cookie), every other one is not. */
export function PasswordForm() {
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    setBusy(true);
    setStatus("");
    const failed = await refusalOf(() =>
      accountApi.changePassword(
        String(form.get("current_password")),
        String(form.get("new_password")),
      ),
    );
    setBusy(false);
    setRefusal(failed);
    if (failed) return;
    target.reset();
    setStatus("Password changed. Every other device has been signed out.");
  }

  return (
    <form
      onSubmit={onSubmit}
      className="flex flex-col gap-4"
      noValidate
      aria-label="Change password"
    >
      <Field
        id="current-password"
        name="current_password"
        type="password"
        label="Current password"
        autoComplete="current-password"
        required
        error={refusal?.fields.current_password}
      />
      <Field
        id="new-password"
        name="new_password"
        type="password"
        label={`New password (at least ${PASSWORD_MIN} characters)`}
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        error={refusal?.fields.new_password}
      />
      {refusal?.message ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {refusal.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButton} disabled={busy}>
          Change password
        </button>
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {status}
        </p>
      </div>
    </form>
  );
}
