import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { safeRedirect } from "@/lib/identity/safe-redirect";

// Reads the caller's cookies (or the query) before anything can be shown: rendered per request.
export const instant = false;

export const metadata: Metadata = { title: "Create an account" };

export default async function SignUpPage({ searchParams }: PageProps<"/sign-up">) {
  const next = safeRedirect((await searchParams).next);
  return (
    <AuthCard title="Create an account">
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Chats you started as a guest on this browser move to your account.
      </p>
      <SignUpForm next={next} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Already have an account?{" "}
        <Link href={`/sign-in?next=${encodeURIComponent(next)}`} className="font-medium underline">
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
