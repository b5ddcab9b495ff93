import type { Metadata } from "next";
import Link from "next/link";
import { AllChatsAction } from "@/components/account/all-chats-action";
import { DeleteAccount } from "@/components/account/delete-account";
import { ImportChats } from "@/components/account/import-chats";
import { PasswordForm } from "@/components/account/password-form";
import { ProfileForm } from "@/components/account/profile-form";
import { SignOutEverywhere } from "@/components/account/sign-out-everywhere";
import { primaryButton, secondaryButton } from "@/components/ui/button-classes";
import { SubPage } from "@/components/ui/sub-page";
import { getAccountById } from "@/db/queries/users";
import { serializeAccount } from "@/lib/account/reads";
import { currentCaller } from "@/lib/identity/current-caller";

export const metadata: Metadata = {
  title: "Account settings",
  robots: { index: false },
};

// Reads the caller's cookies before anything can be shown: rendered per request.
export const instant = false;

const HERE = "/chatbot/settings";

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="mt-8 border-t border-zinc-200 pt-6 dark:border-zinc-800">
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-4">{children}</div>
    </section>
  );
}

// Import, archive-all and delete-all work on chats, which guests have too.
function ChatSections() {
  return (
    <>
      <Section title="Import chats">
        <ImportChats />
      </Section>
      <Section title="Chats">
        <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
          Archive every chat at once (they stay in{" "}
          <Link href="/chatbot/archived" className="underline">
            Archived chats
          </Link>
          ), or delete every chat, archived ones too, with its messages: their shared links stop
          working at once.
        </p>
        <div className="flex flex-wrap gap-2">
          <AllChatsAction kind="archive" />
          <AllChatsAction kind="delete" />
        </div>
      </Section>
    </>
  );
}

/**
 * The caller's account: profile, password, sessions, deletion (accounts only); and the
 * import, archiving and deletion of all chats, which guests may use too (their first
 * import gives a visitor a guest).
 */
export default async function SettingsPage() {
  const caller = await currentCaller();
  const row = caller.kind === "user" ? await getAccountById({ id: caller.userId }) : null;
  return (
    <SubPage title="Account settings" narrow>
      {row ? (
        <>
          <Section title="Profile">
            <ProfileForm account={serializeAccount(row)} />
          </Section>
          {row.hasPassword ? (
            <Section title="Password">
              <PasswordForm />
            </Section>
          ) : (
            <Section title="Password">
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                You sign in through GitHub or Google: this account has no password to change.
              </p>
            </Section>
          )}
          <Section title="Sessions">
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
              Lost a device, or signed in somewhere you should not have? End every session of this
              account at once.
            </p>
            <SignOutEverywhere />
          </Section>
          <ChatSections />
          <Section title="Delete account">
            <p className="mb-3 text-sm text-zinc-600 dark:text-zinc-400">
              Deletes your account with every chat, message and shared link. Shared links stop
              working at once.
            </p>
            <DeleteAccount hasPassword={row.hasPassword} />
          </Section>
        </>
      ) : (
        <>
          <p className="mt-4">
            {caller.kind === "guest"
              ? "You are chatting as a guest: there is no account to manage. Sign up to keep your chats on every device (the ones you have move to your account), or sign in."
              : "Account settings are for signed-in accounts. Sign in, or sign up: it is free."}
          </p>
          <div className="mt-4 flex gap-2">
            <Link href={`/sign-up?next=${HERE}`} className={primaryButton}>
              Sign up
            </Link>
            <Link href={`/sign-in?next=${HERE}`} className={secondaryButton}>
              Sign in
            </Link>
          </div>
          <ChatSections />
        </>
      )}
    </SubPage>
  );
}
