"use client";

import { useState } from "react";
import { ConfirmDialog } from "@/components/chatbot/confirm-dialog";
import { secondaryButton } from "@/components/ui/button-classes";
import { accountApi } from "@/lib/client/account-api";
import { refusalOf } from "@/lib/client/refusal";

/** Ends every session of the account, this one too; then the home page, signed out. */
export function SignOutEverywhere() {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");

  async function signOut() {
    setBusy(true);
    const failed = await refusalOf(accountApi.signOutEverywhere);
    setBusy(false);
    setConfirming(false);
    if (failed) return setError(failed.message ?? "Could not sign out everywhere.");
    // A full load: every server-rendered part must see the session gone.
    window.location.assign("/");
  }

  return (
    <div>
      <button type="button" className={secondaryButton} onClick={() => setConfirming(true)}>
        Sign out everywhere
      </button>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        body="Every device and browser signed in to this account is signed out at once, this one too."
        confirmLabel="Sign out everywhere"
        busy={busy}
        onConfirm={() => void signOut()}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
