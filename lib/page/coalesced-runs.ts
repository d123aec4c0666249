/**
 * Runs `task` one run at a time: asked while a run is going, it runs once more after it (never twice at once, never
 * a queue of runs); `schedule` asks at the next microtask, so a burst of page mutations makes one run. Aborting the
 * signal stops further runs; a failing run is logged, and the next request runs again.
 */
export class CoalescedRuns {
  private running: Promise<void> | null = null;
  private again = false;
  private scheduled = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly signal: AbortSignal,
    private readonly failureNote: string,
  ) {}

  /** Resolves when the current run, and the one asked for meanwhile, have ended. */
  async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.task();
        } catch (error) {
          if (!this.signal.aborted) console.warn(this.failureNote, error);
        }
      } while (this.again && !this.signal.aborted);
    })();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  /** The current run's work is for something gone (a client-side navigation): run again once it ends. */
  runAgain(): void {
    this.again = true;
  }

  schedule(): void {
    if (this.scheduled || this.signal.aborted) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (!this.signal.aborted) void this.run();
    });
  }
}
