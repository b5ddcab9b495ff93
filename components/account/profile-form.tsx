"use client";

import { useRouter } from "next/navigation";
import { Field } from "@/components/ui/field";
import { accountApi } from "@/lib/client/account-api";
import type { AccountOut } from "@/lib/validation/account";
import { AccountFormFooter, useAccountForm } from "./account-form";

/** Name and email; the page's account menu shows the new ones once saved. */
export function ProfileForm({ account }: { account: AccountOut }) {
  const router = useRouter();
  const { refusal, status, busy, onSubmit } = useAccountForm({
    save: (form) =>
      accountApi.update({ name: String(form.get("name")), email: String(form.get("email")) }),
    saved: () => {
      router.refresh();
      return "Saved.";
    },
  });

  // A conflict (409) names no field: it is the email another account has.
  const conflict = refusal?.code === "conflict";
  const emailError = refusal?.fields.email ?? (conflict ? refusal?.message : undefined);
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate aria-label="Profile">
      <Field
        id="profile-name"
        name="name"
        label="Name"
        autoComplete="name"
        defaultValue={account.name ?? ""}
        error={refusal?.fields.name}
      />
      <Field
        id="profile-email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        defaultValue={account.email}
        error={emailError}
      />
      <AccountFormFooter
        message={conflict ? undefined : refusal?.message}
        submitLabel="Save profile"
        busy={busy}
        status={status}
      />
    </form>
  );
}
