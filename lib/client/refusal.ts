import { ApiError } from "@/lib/client/chats-api";

/** A refused call as a form shows it: a message per field, or one for the whole form. */
export type Refusal = { code: string; fields: Record<string, string>; message?: string };

/** Runs a call; null when it succeeded, else what to show. */
export async function refusalOf(call: () => Promise<unknown>): Promise<Refusal | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const fields = Object.fromEntries((error.issues ?? []).map((i) => [i.path, i.message]));
    const { code, message } = error;
    return Object.keys(fields).length > 0 ? { code, fields } : { code, fields, message };
  }
}
