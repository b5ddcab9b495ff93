"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { primaryButton } from "@/components/ui/button-classes";
import { Field } from "@/components/ui/field";
import type { ErrorBody } from "@/lib/errors";
import { safeRedirect } from "@/lib/identity/safe-redirect";
import { PASSWORD_MIN } from "@/lib/validation/user";

type FieldErrors = Partial<Record<"email" | "password" | "name", string>>;

export function SignUpForm({ next }: { next: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string>();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setErrors({});
    setFormError(undefined);
    try {
      const response = await fetch("/api/register", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: form.get("email"),
          password: form.get("password"),
          name: form.get("name") || undefined,
        }),
      });
      if (response.ok) {
        // The page passes a sanitised path; checked again here so that no other caller
        // of this form can hand the router another site.
        router.replace(safeRedirect(next));
        router.refresh();
        return;
      }
      const { error } = (await response.json()) as ErrorBody;
      if (error.code === "conflict") {
        setErrors({ email: error.message });
      } else if (error.issues) {
        setErrors(Object.fromEntries(error.issues.map((i) => [i.path, i.message])));
      } else {
        setFormError(error.message);
      }
    } catch {
      setFormError("Could not reach the server. Check your connection and try again.");
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field id="name" name="name" label="Name" autoComplete="name" error={errors.name} />
      <Field
        id="email"
        name="email"
        type="email"
        label="Email"
        autoComplete="email"
        required
        error={errors.email}
      />
      <Field
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete="new-password"
        required
        minLength={PASSWORD_MIN}
        error={errors.password}
      />
      {formError ? (
        <p
          role="alert"
          className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {formError}
        </p>
      ) : null}
      <button type="submit" className={primaryButton} disabled={pending}>
        {pending ? "Creating account…" : "Create account"}
      </button>
    </form>
  );
}
