import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter } from "next-auth/adapters";
import { getDb } from "./client";
import { accounts, sessions, users, verificationTokens } from "./schema";

/** Auth.js's adapter on our tables: used by OAuth sign-in to create and link accounts. */
export async function getAuthAdapter(): Promise<Adapter> {
  return DrizzleAdapter(await getDb(), {
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  });
}
