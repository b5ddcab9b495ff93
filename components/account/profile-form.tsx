"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { primaryButton } from "@/components/ui/button-classes";
import { Field } from "@/components/ui/field";
import { accountApi } from "@/lib/client/account-api";
import type { AccountOut } from "@/lib/validation/account";
import { type Refusal, refusalOf } from "./api-refusal";

/** Name and email; the page's account menu shows the new ones once saved. */
export function ProfileForm({ account }: { account: AccountOut }) {
  const router = useRouter();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setStatus("");
    const failed = await refusalOf(() =>
      accountApi.update({ name: String(form.get("name")), email: String(form.get("email")) }),
    );
    setBusy(false);
    setRefusal(failed);
    if (failed) return;
    setStatus("Saved.");
    router.refresh();
  }

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
      {refusal?.message && !conflict ? (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {refusal.message}
        </p>
      ) : null}
      <div className="flex items-center gap-3">
        <button type="submit" className={primaryButton} disabled={busy}>
          Save profile
        </button>
        <p role="status" className="text-sm text-zinc-600 dark:text-zinc-400">
          {status}
        </p>
      </div>
    </form>
  );
}
