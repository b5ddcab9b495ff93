"use client";

import { clearDrafts } from "@/components/chatbot/drafts";
import { secondaryButton } from "@/components/ui/button-classes";
import { signOutAction } from "@/lib/actions/auth";

/** Sign out, leaving no unsent text in the tab for whoever uses it next. */
export function SignOutForm() {
  return (
    <form action={signOutAction} onSubmit={clearDrafts}>
      <button type="submit" className={secondaryButton}>
        Sign out
      </button>
    </form>
  );
}
