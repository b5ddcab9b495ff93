"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { SignInRateLimited, signIn, signOut } from "@/lib/identity/auth";
import { safeRedirect } from "@/lib/identity/safe-redirect";
import { signInSchema } from "@/lib/validation/user";

export type SignInState = { error?: string; email?: string };

export async function signInWithPassword(
  _previous: SignInState,
  form: FormData,
): Promise<SignInState> {
  const parsed = signInSchema.safeParse({
    email: form.get("email"),
    password: form.get("password"),
  });
  const email = String(form.get("email") ?? "");
  if (!parsed.success) return { error: "Enter your email and password.", email };
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: safeRedirect(form.get("next")) });
  } catch (error) {
    // Success also throws: Next's redirect, which must propagate.
    if (error instanceof SignInRateLimited) return { error: error.refusal.message, email };
    if (error instanceof AuthError) return { error: "Wrong email or password.", email };
    throw error;
  }
  return {};
}

export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = z.enum(["github", "google"]).parse(form.get("provider"));
  await signIn(provider, { redirectTo: safeRedirect(form.get("next")) });
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: "/" });
}
