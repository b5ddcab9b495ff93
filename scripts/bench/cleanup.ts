type CleanupStep = { label: string; run: () => Promise<void> | void };

/**
 * Cleanup steps run last-in first-out, once, whether the script ends, throws, or is
 * interrupted: a scratch database or a server must never outlive a benchmark.
 */
export class Cleanup {
  private steps: CleanupStep[] = [];
  private done = false;

  constructor() {
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.once(signal, () => {
        console.error(`\n${signal}: cleaning up`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }

  /** Runs a script's `main`, then the steps, whatever happened; a failure is printed and fails the script. */
  async around(main: () => Promise<void>): Promise<void> {
    try {
      await main();
    } catch (error) {
      console.error(error);
      process.exitCode = 1;
    } finally {
      await this.run();
    }
  }

  add(label: string, run: CleanupStep["run"]): void {
    this.steps.push({ label, run });
  }

  async run(): Promise<void> {
    if (this.done) return;
    this.done = true;
    for (const step of this.steps.reverse()) {
      try {
        await step.run();
      } catch (error) {
        console.error(`cleanup "${step.label}" failed:`, error);
      }
    }
  }
}
