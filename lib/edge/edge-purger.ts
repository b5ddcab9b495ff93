import "server-only";
import { safeErrorLine } from "@/lib/log-safe";
import { PendingTags } from "./pending-tags";
import type { EdgePurger } from "./purger";

// Purging the edge by tag, for writes that must not answer before the edge forgets the
// old page, yet must never fail because the edge is away. Each purger is tried at once,
// then twice more after short pauses; past that its tags wait in a per-process queue
// retried in the background (it holds the process open for nothing: every timer is
// unref'd). A purge that succeeded is sent once more a little later: a response rendered
// before the write may reach the edge after the first purge and be stored there.

export type EdgePurgeTiming = {
  /** An attempt not confirmed by then is aborted, and failed. */
  timeoutMs: number;
  /** The pauses between quick attempts: one attempt more than pauses. */
  backoffMs: number[];
  /** How often the queue of tags that failed is tried again. */
  retryEveryMs: number;
  /** A tag still failing this long after it was queued is dropped (and counted). */
  giveUpAfterMs: number;
  /** The repeat of a successful purge comes after this long; 0: no repeat. */
  repeatAfterMs: number;
  /** Tags queued at most, per purger; past that the oldest are dropped. */
  maxPending: number;
};

export const DEFAULT_EDGE_PURGE_TIMING: EdgePurgeTiming = {
  timeoutMs: 2_000,
  backoffMs: [100, 400],
  retryEveryMs: 5_000,
  giveUpAfterMs: 15 * 60_000,
  repeatAfterMs: 2_000,
  maxPending: 10_000,
};

// Tags per background attempt: a long queue drains over several rounds.
const RETRY_BATCH = 1_000;

/** For the health check: JSON as it stands, with no secret in it. */
export type EdgePurgeStatus = {
  /** The purgers' names, e.g. "varnish http://127.0.0.1:6081", "cloudflare zone <id>". */
  configured: string[];
  /** Tags waiting for the background retry (a tag waiting for two purgers counts twice). */
  pending: number;
  /** Purges the edge confirmed (one per purger and call, repeats included). */
  purged: number;
  /** Attempts that failed, quick and background ones. */
  failed_attempts: number;
  /** Tags given up on: queued too long, or shed from a full queue. */
  dropped: number;
  last_error: { at: string; purger: string; message: string } | null;
  last_success_at: string | null;
};

export type EdgePurge = {
  /** Never rejects: a purge that fails is logged and queued. */
  purge(tags: string[]): Promise<void>;
  status(): EdgePurgeStatus;
  /** Cancels the timers and forgets the queue (tests; nothing else needs it). */
  stop(): void;
};

type Outcome = { ok: true } | { ok: false; error: unknown };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** At most a few tags in a log line: a long list says how many more. */
function listTags(tags: string[]): string {
  const shown = tags.slice(0, 5).join(" ");
  return tags.length > 5 ? `${shown} (+${tags.length - 5} more)` : shown;
}

export function createEdgePurger({
  purgers,
  timing = {},
}: {
  purgers: EdgePurger[];
  timing?: Partial<EdgePurgeTiming>;
}): EdgePurge {
  const settings = { ...DEFAULT_EDGE_PURGE_TIMING, ...timing };
  const edges = purgers.map((purger) => ({
    purger,
    pending: new PendingTags(settings.maxPending),
  }));
  type Edge = (typeof edges)[number];
  let purged = 0;
  let failedAttempts = 0;
  let dropped = 0;
  let lastError: EdgePurgeStatus["last_error"] = null;
  let lastSuccessAt: string | null = null;
  let retryTimer: NodeJS.Timeout | undefined;
  const repeatTimers = new Set<NodeJS.Timeout>();
  let stopped = false;

  async function attempt(purger: EdgePurger, tags: string[]): Promise<Outcome> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`no answer within ${settings.timeoutMs} ms`);
        controller.abort(error);
        reject(error);
      }, settings.timeoutMs);
      timer.unref();
    });
    try {
      // Raced as well as aborted: a purger that ignores its signal cannot hold a write.
      await Promise.race([purger.purge(tags, controller.signal), deadline]);
      purged++;
      lastSuccessAt = new Date().toISOString();
      return { ok: true };
    } catch (error) {
      failedAttempts++;
      const message = safeErrorLine(error);
      lastError = { at: new Date().toISOString(), purger: purger.name, message };
      return { ok: false, error };
    } finally {
      clearTimeout(timer);
    }
  }

  async function attemptQuickly(purger: EdgePurger, tags: string[]): Promise<Outcome> {
    let outcome = await attempt(purger, tags);
    for (const pause of settings.backoffMs) {
      if (outcome.ok || stopped) break;
      await sleep(pause);
      outcome = await attempt(purger, tags);
    }
    return outcome;
  }

  function queue(edge: Edge, tags: string[]) {
    const shed = edge.pending.add(tags, Date.now());
    if (shed > 0) {
      dropped += shed;
      console.error(
        `[edge] purge queue of ${edge.purger.name} is full: dropped its ${shed} oldest tag(s)`,
      );
    }
    scheduleRetry();
  }

  function scheduleRepeat(edge: Edge, tags: string[]) {
    if (settings.repeatAfterMs <= 0 || stopped) return;
    const timer = setTimeout(() => {
      repeatTimers.delete(timer);
      void purgeOn(edge, tags, false);
    }, settings.repeatAfterMs);
    timer.unref();
    repeatTimers.add(timer);
  }

  async function purgeOn(edge: Edge, tags: string[], repeat: boolean): Promise<void> {
    // An edge already failing (tags queued) gets one try, not three: while it is away,
    // writes wait one timeout for it, not three.
    const outcome =
      edge.pending.size > 0
        ? await attempt(edge.purger, tags)
        : await attemptQuickly(edge.purger, tags);
    if (stopped) return;
    if (outcome.ok) {
      // Whatever of these tags was queued from an earlier failure is purged now.
      edge.pending.remove(tags);
      if (repeat) scheduleRepeat(edge, tags);
      return;
    }
    const attempts = settings.backoffMs.length + 1;
    console.error(
      `[edge] purge failed ${attempts} times on ${edge.purger.name} (${listTags(tags)}): ${safeErrorLine(outcome.error)}; retrying in the background`,
    );
    queue(edge, tags);
  }

  async function retryOn(edge: Edge): Promise<void> {
    const expired = edge.pending.takeOlderThan(Date.now() - settings.giveUpAfterMs);
    if (expired.length > 0) {
      dropped += expired.length;
      console.error(
        `[edge] gave up purging ${expired.length} tag(s) on ${edge.purger.name} after ${settings.giveUpAfterMs} ms (${listTags(expired)}): they are left to expire`,
      );
    }
    const tags = edge.pending.oldest(RETRY_BATCH);
    if (tags.length === 0) return;
    const outcome = await attempt(edge.purger, tags);
    if (outcome.ok && !stopped) edge.pending.remove(tags);
  }

  function scheduleRetry() {
    // One timer at a time, kept while a round runs, so that rounds never overlap.
    if (retryTimer || stopped) return;
    retryTimer = setTimeout(() => {
      void Promise.all(edges.map(retryOn)).finally(() => {
        retryTimer = undefined;
        if (edges.some((edge) => edge.pending.size > 0)) scheduleRetry();
      });
    }, settings.retryEveryMs);
    retryTimer.unref();
  }

  return {
    async purge(tags) {
      if (tags.length === 0 || edges.length === 0 || stopped) return;
      try {
        await Promise.all(edges.map((edge) => purgeOn(edge, tags, true)));
      } catch (error) {
        // Nothing above throws by design; should a bug make it, the write still answers.
        console.error(`[edge] purge failed: ${safeErrorLine(error)}`);
      }
    },
    status() {
      return {
        configured: edges.map((edge) => edge.purger.name),
        pending: edges.reduce((sum, edge) => sum + edge.pending.size, 0),
        purged,
        failed_attempts: failedAttempts,
        dropped,
        last_error: lastError,
        last_success_at: lastSuccessAt,
      };
    },
    stop() {
      stopped = true;
      clearTimeout(retryTimer);
      retryTimer = undefined;
      for (const timer of repeatTimers) clearTimeout(timer);
      repeatTimers.clear();
      for (const edge of edges) edge.pending.clear();
    },
  };
}
