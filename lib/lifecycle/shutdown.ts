import { type AppError, unavailable } from "@/lib/errors";

// Whether this process is shutting down, and the assistant turns it must not lose
// (docs/operations.md, "Graceful shutdown"). lib/lifecycle/signals.ts drives it; the
// route wrapper, the readiness check and every assistant turn read it.
//
// On globalThis: instrumentation.ts (which installs the signal handlers) and the route
// handlers are separate bundles, each with its own copy of this module.

type Turn = { controller: AbortController };

type Lifecycle = {
  shuttingDown: boolean;
  turns: Set<Turn>;
  /** Called, and cleared, each time the last turn in flight ends. */
  onIdle: Set<() => void>;
};

const KEY = Symbol.for("skillmate.lifecycle");

function lifecycle(): Lifecycle {
  const holder = globalThis as { [KEY]?: Lifecycle };
  holder[KEY] ??= { shuttingDown: false, turns: new Set(), onIdle: new Set() };
  return holder[KEY];
}

export function isShuttingDown(): boolean {
  return lifecycle().shuttingDown;
}

/** The 503 (with Retry-After) that new work gets while this instance drains. */
export function shuttingDownError(): AppError {
  return unavailable("This server is restarting: try again in a few seconds.");
}

/** Refuses new work once shutdown has begun; the load balancer sends it elsewhere. */
export function assertAcceptingWork(): void {
  if (isShuttingDown()) throw shuttingDownError();
}

/** From now on: readiness fails, and new writes and assistant turns get 503. */
export function beginShutdown(): void {
  lifecycle().shuttingDown = true;
}

export type TurnHandle = {
  /** Aborts when shutdown stops the turn: combine it with the request's signal. */
  signal: AbortSignal;
  /** Whether shutdown stopped this turn (its reply is stored as it stands). */
  stoppedByShutdown: () => boolean;
  /** The turn is over once `saved` settles (its reply stored, or failing to be). */
  until: (saved: Promise<unknown>) => void;
  /** The turn ended before it had anything to save (refused, or failed to start). */
  leave: () => void;
};

/** Registers an assistant turn, so that shutdown waits for it; 503 once shutting down. */
export function enterTurn(): TurnHandle {
  assertAcceptingWork();
  const state = lifecycle();
  const turn: Turn = { controller: new AbortController() };
  state.turns.add(turn);
  const leave = () => {
    if (!state.turns.delete(turn) || state.turns.size > 0) return;
    for (const resolve of state.onIdle) resolve();
    state.onIdle.clear();
  };
  return {
    signal: turn.controller.signal,
    stoppedByShutdown: () => turn.controller.signal.aborted,
    until: (saved) => {
      saved.then(leave, leave);
    },
    leave,
  };
}

export function turnsInFlight(): number {
  return lifecycle().turns.size;
}

/** Resolves once no turn is in flight, or after `ms`: true if they all ended. */
export function waitForTurns(ms: number): Promise<boolean> {
  const state = lifecycle();
  if (state.turns.size === 0) return Promise.resolve(true);
  return new Promise((resolve) => {
    const idle = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      state.onIdle.delete(idle);
      resolve(false);
    }, ms);
    state.onIdle.add(idle);
  });
}

/**
 * Stops every turn still in flight: each stores the reply it has so far (a retryable
 * error reply when it has nothing yet). Returns how many were stopped.
 */
export function stopTurns(): number {
  const { turns } = lifecycle();
  // No reason: the default AbortError, which the AI SDK reports as an abort (a reply
  // stopped part-way), as when the person presses Stop.
  for (const turn of turns) turn.controller.abort();
  return turns.size;
}
