import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { type Caller, resolveCaller } from "@/lib/identity/caller";

/**
 * resolveCaller for server components and server actions: once per request however many
 * layouts and pages ask (React's cache lasts one server render).
 */
export const currentCaller = cache(async (): Promise<Caller> => resolveCaller(await headers()));
