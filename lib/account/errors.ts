import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/identity/caller";

// The account routes' refusals, in the contract's terms.

/** Only an account has settings: guests and visitors are told to sign in. */
export function signedInUserOf(caller: Caller): Extract<Caller, { kind: "user" }> {
  if (caller.kind !== "user") {
    throw new AppError("unauthenticated", "Sign in to manage your account.");
  }
  return caller;
}

/** The account was deleted while this request ran (its session is refused from now on). */
export const accountGone = () =>
  new AppError("unauthenticated", "This account no longer exists. Please sign in again.");

export const emailTaken = () =>
  new AppError("conflict", "Another account already uses this email address.");

/**
 * A wrong confirmation is a wrong field, as any other: 400 with the field named, so the
 * form can say so beside it. (403 is the contract's for a caller's kind or another site.)
 */
export const wrongConfirmation = (path: string, message: string) =>
  new AppError("validation_error", message, { issues: [{ path, message }] });
