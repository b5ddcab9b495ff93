import type { Metadata } from "next";
import Link from "next/link";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { enabledOAuthProviders } from "@/lib/identity/auth";
import { safeRedirect } from "@/lib/identity/safe-redirect";

// Reads the caller's cookies (or the query) before anything can be shown: rendered per request.
export const instant = false;

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const next = safeRedirect((await searchParams).next);
  return (
    <AuthCard title="Sign in">
      <SignInForm next={next} />
      <OAuthButtons providers={enabledOAuthProviders()} next={next} />
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        New here?{" "}
        <Link href={`/sign-up?next=${encodeURIComponent(next)}`} className="font-medium underline">
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}
