import "server-only";
import { headers } from "next/headers";
import { type Caller, resolveCaller } from "@/lib/identity/caller";

/** resolveCaller for server components and server actions. */
export async function currentCaller(): Promise<Caller> {
  return resolveCaller(await headers());
}
