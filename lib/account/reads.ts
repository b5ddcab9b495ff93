import "server-only";
import { type AccountRow, getAccountById } from "@/db/queries/users";
import type { AccountOut } from "@/lib/validation/account";
import { accountGone } from "./errors";

export function serializeAccount(row: AccountRow): AccountOut {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    created_at: row.createdAt.toISOString(),
    has_password: row.hasPassword,
  };
}

export async function getAccount({ userId }: { userId: string }): Promise<AccountRow> {
  const row = await getAccountById({ id: userId });
  if (!row) throw accountGone();
  return row;
}
