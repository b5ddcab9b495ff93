import { z } from "./zod";

// Shared by the sign-up form and POST /api/register.
export const PASSWORD_MIN = 8;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address." }).max(254));

// The rules of a new password: at sign-up, and when it is changed (lib/validation/account.ts).
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN, { message: `Use at least ${PASSWORD_MIN} characters.` })
  .max(200, { message: "Use at most 200 characters." });

export const nameSchema = z.string().trim().max(100, { message: "Use at most 100 characters." });

export const registerSchema = z.strictObject({
  email: emailSchema,
  password: newPasswordSchema,
  name: nameSchema.optional(),
});

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1).max(200),
});

export type RegisterInput = z.infer<typeof registerSchema>;
