import "server-only";
import { headers } from "next/headers";
import { requestBaseUrl as baseUrlFor } from "@/lib/public-url";

/** The base URL share links are built on: the same rule as the API's. */
export async function requestBaseUrl(): Promise<string> {
  return baseUrlFor(await headers());
}
