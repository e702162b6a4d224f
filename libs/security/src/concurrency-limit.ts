/** Runs at most `limit` tasks at once; the rest wait their turn in order. */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {}

  /** Tasks running now. */
  get active(): number {
    return this.running;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resume) => this.waiting.push(resume)); // resumes holding the slot handed over
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter: freeing it first would let a newcomer arriving before the
      // waiter resumes take it too, one task over the limit.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
