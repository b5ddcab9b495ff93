import "server-only";
import { env } from "@/lib/env";
import { safeErrorLine } from "@/lib/log-safe";
import { cloudflarePurger } from "./cloudflare-purger";
import {
  createEdgePurger,
  DEFAULT_EDGE_PURGE_TIMING,
  type EdgePurge,
  type EdgePurgeStatus,
} from "./edge-purger";
import type { EdgePurger } from "./purger";
import { varnishPurger } from "./varnish-purger";

// The app's edge purger, configured from the environment on first use. One per process
// (kept on globalThis, like the cache tags in lib/cache/shared-tags.cjs): Next may load
// this module in more than one bundle, and the health check must see the queue the
// writes fill.

const KEY = Symbol.for("skillmate.edge-purge");
type Holder = { [KEY]?: EdgePurge };

function purgersFromEnv(): EdgePurger[] {
  const config = env();
  const purgers = (config.EDGE_PURGE_URLS ?? []).map(varnishPurger);
  if (config.CLOUDFLARE_ZONE_ID && config.CLOUDFLARE_API_TOKEN) {
    purgers.push(
      cloudflarePurger({
        zoneId: config.CLOUDFLARE_ZONE_ID,
        apiToken: config.CLOUDFLARE_API_TOKEN,
        apiUrl: config.CLOUDFLARE_API_URL,
      }),
    );
  }
  return purgers;
}

function edgePurge(): EdgePurge {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const config = env();
    holder[KEY] = createEdgePurger({
      purgers: purgersFromEnv(),
      timing: {
        ...DEFAULT_EDGE_PURGE_TIMING,
        timeoutMs: config.EDGE_PURGE_TIMEOUT_MS,
        retryEveryMs: config.EDGE_PURGE_RETRY_MS,
        giveUpAfterMs: config.EDGE_PURGE_GIVE_UP_MS,
        repeatAfterMs: config.EDGE_PURGE_REPEAT_MS,
      },
    });
  }
  return holder[KEY];
}

/**
 * Purges the edge caches (EDGE_PURGE_URLS, CLOUDFLARE_*) of everything stored under
 * `tags`; with none configured, does nothing. Never rejects: a write that changed what
 * the public sees answers whether or not the edge heard of it (failures are logged and
 * retried in the background).
 */
export async function purgeEdge(tags: string[]): Promise<void> {
  try {
    await edgePurge().purge(tags);
  } catch (error) {
    // Only an environment that does not parse gets here, and it fails the app elsewhere.
    console.error(`[edge] purge skipped: ${safeErrorLine(error)}`);
  }
}

/** What a purger is, without where: "varnish http://10.0.0.2:6081" is "varnish 1". */
const kindOf = (name: string) => name.split(" ")[0] ?? "purger";

/**
 * The edge purger's counters and last error, for GET /api/health/ready, which anyone
 * may read: purgers by kind and number, and no address, zone or URL in the error (the
 * log has them).
 */
export function edgePurgeStatus(): EdgePurgeStatus {
  const status = edgePurge().status();
  const names = new Map(
    status.configured.map((name, i) => [name, `${kindOf(name)} ${i + 1}`] as const),
  );
  const lastError = status.last_error;
  return {
    ...status,
    configured: [...names.values()],
    last_error: lastError && {
      ...lastError,
      purger: names.get(lastError.purger) ?? kindOf(lastError.purger),
      message: lastError.message
        .replace(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi, "<url>")
        .replace(/\[?[0-9a-f:.]*[0-9a-f]\]?:\d+/gi, "<address>")
        .replace(/\b\d{1,3}(\.\d{1,3}){3}\b/g, "<address>"),
    },
  };
}
