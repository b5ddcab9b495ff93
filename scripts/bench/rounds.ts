import os from "node:os";
import type { LoadResult } from "./load";

/**
 * Waits (bounded) for the shared machine's 1-minute load average to fall under `maxLoad`,
 * so that a run does not land in the middle of someone else's build. Returns the load
 * average it starts with; goes ahead anyway after `maxWaitSec`.
 */
export async function waitForQuietMachine({
  maxLoad,
  maxWaitSec,
}: {
  maxLoad: number;
  maxWaitSec: number;
}): Promise<number> {
  const deadline = Date.now() + maxWaitSec * 1000;
  let load = os.loadavg()[0] ?? 0;
  if (load >= maxLoad) console.info(`load average ${load.toFixed(2)}: waiting for < ${maxLoad}…`);
  while (load >= maxLoad && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    load = os.loadavg()[0] ?? 0;
  }
  console.info(`load average ${load.toFixed(2)}${load >= maxLoad ? " (gave up waiting)" : ""}`);
  return load;
}

export type Measurement = { name: string; run: () => Promise<LoadResult> };
export type RoundsResult = { best: LoadResult; all: LoadResult[] };

/**
 * Runs every measurement once per round, rounds one after another and each in a rotated
 * order, so that a burst of someone else's load on a shared machine hits one round of
 * each case rather than all of one case. Each round first waits (bounded) for a quieter machine. Others' load only
 * ever slows a run down, so the best round (highest req/s) is the estimate reported.
 */
export async function runRounds(
  measurements: Measurement[],
  { rounds, quiet }: { rounds: number; quiet: { maxLoad: number; maxWaitSec: number } },
): Promise<RoundsResult[]> {
  const all: LoadResult[][] = measurements.map(() => []);
  for (let round = 1; round <= rounds; round++) {
    console.info(`round ${round} of ${rounds}`);
    await waitForQuietMachine(quiet);
    // Each round starts one case later, so that no case always runs first (after the
    // wait) or always right after the same neighbour.
    for (let k = 0; k < measurements.length; k++) {
      const i = (k + round - 1) % measurements.length;
      const m = measurements[i] as Measurement;
      const result = await m.run();
      console.info(
        `  ${m.name}: ${result.reqPerSec.toFixed(0)}/s, p50 ${result.p50.toFixed(1)} ms, ` +
          `p99 ${result.p99.toFixed(1)} ms, ${result.statusCodes || "-"}, errors ${result.errors}, ` +
          `load avg ${result.loadBefore.toFixed(2)}`,
      );
      all[i]?.push(result);
    }
  }
  return all.map((results) => ({
    best: results.reduce((a, b) => (b.reqPerSec > a.reqPerSec ? b : a)),
    all: results,
  }));
}
