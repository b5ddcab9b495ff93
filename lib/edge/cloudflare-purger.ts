import "server-only";
import { z } from "zod";
import type { EdgePurger } from "./purger";

// Cloudflare's purge by Cache-Tag (POST /zones/<zone>/purge_cache {"tags": [...]}). The
// app's public responses name their tags in Cache-Tag as well as xkey.

// Cloudflare takes at most 30 tags in one call.
const MAX_TAGS_PER_CALL = 30;

// Only what decides success is read of Cloudflare's answer.
const answerSchema = z.object({
  success: z.boolean(),
  errors: z.array(z.object({ message: z.string().optional() })).optional(),
});

export type CloudflareOptions = {
  zoneId: string;
  /** A token with the Zone → Cache Purge permission; it goes in no log and no status. */
  apiToken: string;
  /** Cloudflare's API (CLOUDFLARE_API_URL, whose default lib/env.ts holds), or a test double. */
  apiUrl: string;
};

async function failure(response: Response): Promise<string | null> {
  const parsed = answerSchema.safeParse(await response.json().catch(() => null));
  if (response.ok && parsed.success && parsed.data.success) return null;
  const reason = parsed.success ? parsed.data.errors?.[0]?.message : undefined;
  return `Cloudflare answered ${response.status}: ${reason ?? "no success"}`;
}

export function cloudflarePurger({ zoneId, apiToken, apiUrl }: CloudflareOptions): EdgePurger {
  const endpoint = `${apiUrl.replace(/\/+$/, "")}/zones/${encodeURIComponent(zoneId)}/purge_cache`;
  return {
    name: `cloudflare zone ${zoneId}`,
    async purge(tags, signal) {
      // One call after the other: Cloudflare rate-limits purges per zone.
      for (let start = 0; start < tags.length; start += MAX_TAGS_PER_CALL) {
        const response = await fetch(endpoint, {
          method: "POST",
          headers: {
            authorization: `Bearer ${apiToken}`,
            "content-type": "application/json",
          },
          body: JSON.stringify({ tags: tags.slice(start, start + MAX_TAGS_PER_CALL) }),
          signal,
        });
        const reason = await failure(response);
        if (reason) throw new Error(reason);
      }
    },
  };
}
