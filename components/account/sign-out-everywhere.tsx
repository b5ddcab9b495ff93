"use client";

import { clearDrafts } from "@/components/chatbot/drafts";
import { secondaryButton } from "@/components/ui/button-classes";
import { accountApi } from "@/lib/client/account-api";
import { ConfirmedCall } from "./confirmed-call";

/** Ends every session of the account, this one too; then the home page, signed out. */
export function SignOutEverywhere() {
  return (
    <ConfirmedCall
      label="Sign out everywhere"
      body="Every device and browser signed in to this account is signed out at once, this one too."
      className={secondaryButton}
      call={async () => {
        await accountApi.signOutEverywhere();
        clearDrafts();
      }}
      then="/"
    />
  );
}
