"use client";

import { Field } from "@/components/ui/field";
import { accountApi } from "@/lib/client/account-api";
import { PASSWORD_MIN } from "@/lib/validation/user";
import { AccountFormFooter, useAccountForm } from "./account-form";

/** A new password: this browser stays signed in (a fresh cookie), every other one is not. */
export function PasswordForm() {
  const { refusal, status, busy, onSubmit } = useAccountForm({
    save: (form) =>
      accountApi.changePassword(
        String(form.get("current_password")),
        String(form.get("new_password")),
      ),
    saved: (target) => {
      target.reset();
      return "Password changed. Every other device has been signed out.";
    },
  });

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
      <AccountFormFooter
        message={refusal?.message}
        submitLabel="Change password"
        busy={busy}
        status={status}
      />
    </form>
  );
}
