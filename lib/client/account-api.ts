import type { AccountOut, DeleteAccountIn, PatchAccountIn } from "@/lib/validation/account";
import { call } from "./chats-api";

// Typed fetch wrappers for the caller's account (/api/account/…), as the settings page
// calls them. Refusals reject with chats-api's ApiError (its `issues` name the fields).

const json = (body: unknown) => JSON.stringify(body);

export const accountApi = {
  update: (changes: PatchAccountIn) =>
    call<AccountOut>("/api/account", { method: "PATCH", body: json(changes) }),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<AccountOut>("/api/account/password", {
      method: "POST",
      body: json({ current_password: currentPassword, new_password: newPassword }),
    }),
  signOutEverywhere: () => call<void>("/api/account/sign-out-everywhere", { method: "POST" }),
  remove: (confirmation: DeleteAccountIn) =>
    call<void>("/api/account", { method: "DELETE", body: json(confirmation) }),
};
