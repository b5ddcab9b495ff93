import Link from "next/link";
import { primaryButton, secondaryButton } from "@/components/ui/button-classes";
import type { Caller } from "@/lib/identity/caller";
import { SignOutForm } from "./sign-out-form";

export function AccountMenu({ caller }: { caller: Caller }) {
  if (caller.kind === "user") {
    return (
      <div className="flex items-center gap-3">
        <span className="text-sm" data-testid="account-name">
          {caller.name || caller.email}
        </span>
        <Link href="/chatbot/settings" className={secondaryButton}>
          Settings
        </Link>
        <SignOutForm />
      </div>
    );
  }
  return (
    <div className="flex items-center gap-2">
      <Link href="/sign-in" className={secondaryButton}>
        Sign in
      </Link>
      <Link href="/sign-up" className={primaryButton}>
        Sign up
      </Link>
    </div>
  );
}
