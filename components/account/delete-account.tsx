"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { clearDrafts } from "@/components/chatbot/drafts";
import { dangerButton } from "@/components/ui/button-classes";
import { Field } from "@/components/ui/field";
import { accountApi } from "@/lib/client/account-api";
import { type Refusal, refusalOf } from "@/lib/client/refusal";

/**
 * Deletes the account, confirmed in a dialog by its password; an account without one
 * (GitHub, Google) types its email instead.
 */
export function DeleteAccount({ hasPassword }: { hasPassword: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState("");
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const field = hasPassword ? "password" : "email";

  async function remove() {
    setBusy(true);
    const failed = await refusalOf(() => accountApi.remove({ [field]: typed }));
    setBusy(false);
    setRefusal(failed);
    if (failed) return;
    clearDrafts();
    window.location.assign("/");
  }

  function close() {
    setConfirming(false);
    setTyped("");
    setRefusal(null);
  }

  return (
    <div>
      <button type="button" className={dangerButton} onClick={() => setConfirming(true)}>
        Delete account
      </button>
      <ConfirmDialog
        open={confirming}
        title="Delete your account?"
        body="Your account, every chat and message, and every shared link are deleted at once. This cannot be undone."
        confirmLabel="Delete account"
        busy={busy || typed === ""}
        onConfirm={() => void remove()}
        onClose={close}
      >
        <Field
          id="delete-confirmation"
          name={field}
          type={hasPassword ? "password" : "email"}
          label={hasPassword ? "Your password" : "Type your email to confirm"}
          autoComplete={hasPassword ? "current-password" : "off"}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          error={refusal ? (refusal.fields[field] ?? refusal.message) : undefined}
        />
      </ConfirmDialog>
    </div>
  );
}
