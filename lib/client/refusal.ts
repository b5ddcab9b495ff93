import { ApiError } from "./chats-api";

/** A refused call as a form shows it: a message per field, or one for the whole form. */
export type Refusal = { code: string; fields: Record<string, string>; message?: string };

/** Runs a call; null when it succeeded, else its ApiError (any other error is a bug: thrown). */
async function refused(call: () => Promise<unknown>): Promise<ApiError | null> {
  try {
    await call();
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

/** Runs a call; null when it succeeded, else what to show. */
export async function refusalOf(call: () => Promise<unknown>): Promise<Refusal | null> {
  const error = await refused(call);
  if (!error) return null;
  const fields = Object.fromEntries((error.issues ?? []).map((i) => [i.path, i.message]));
  const { code, message } = error;
  return Object.keys(fields).length > 0 ? { code, fields } : { code, fields, message };
}

/** Runs a call; null when it succeeded, else the message of its refusal, for a status line. */
export async function refusalMessage(call: () => Promise<unknown>): Promise<string | null> {
  return (await refused(call))?.message ?? null;
}
