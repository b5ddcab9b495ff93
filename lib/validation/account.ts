import { emailSchema, nameSchema, newPasswordSchema } from "./user";
import { z } from "./zod";

// The caller's own account (app/api/account/), shared by the settings page and the
// routes. Passwords typed to confirm are only checked against the stored hash, so their
// rule is just a length bound; a new one follows the sign-up rules.

const typedPassword = z
  .string()
  .min(1, { message: "Enter your password." })
  .max(200, { message: "Use at most 200 characters." });

export const patchAccountSchema = z
  .strictObject({
    // An empty name clears it, as at sign-up.
    name: nameSchema
      .nullable()
      .transform((name) => name || null)
      .optional(),
    email: emailSchema.optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "Send name, email or both." })
  .meta({ id: "PatchAccount" });

export const changePasswordSchema = z
  .strictObject({ current_password: typedPassword, new_password: newPasswordSchema })
  .meta({ id: "ChangePassword" });

/**
 * What confirms deleting an account: its password; an account that has none (it signs in
 * through GitHub or Google) types its email instead.
 */
export const deleteAccountSchema = z
  .strictObject({
    password: typedPassword.optional(),
    email: z.string().max(254, { message: "Use at most 254 characters." }).optional(),
  })
  .refine((body) => (body.password === undefined) !== (body.email === undefined), {
    message: "Send your password (or, for an account without one, your email).",
  })
  .meta({ id: "DeleteAccount" });

export const accountSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.email(),
    created_at: z.iso.datetime(),
    // false for an account that signs in only through GitHub or Google.
    has_password: z.boolean(),
  })
  .meta({ id: "AccountDetail" });

export type PatchAccountIn = z.infer<typeof patchAccountSchema>;
export type ChangePasswordIn = z.infer<typeof changePasswordSchema>;
export type DeleteAccountIn = z.infer<typeof deleteAccountSchema>;
export type AccountOut = z.infer<typeof accountSchema>;
