import { ConcurrencyLimit } from './concurrency-limit';

describe('ConcurrencyLimit', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    const limit = new ConcurrencyLimit(2);
    let running = 0;
    let peak = 0;
    const task = async (n: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return n;
    };
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => limit.run(() => task(n))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('stays within the limit when a newcomer arrives as a slot is handed to a waiter', async () => {
    // A newcomer a few microtasks after a task ends used to find the slot free before the waiter it woke resumed.
    for (let delay = 0; delay < 5; delay++) {
      const limit = new ConcurrencyLimit(1);
      let running = 0;
      let peak = 0;
      const task = async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 2));
        running--;
      };
      let finishFirst!: () => void;
      const first = limit.run(() => new Promise<void>((r) => (finishFirst = r)));
      const waiter = limit.run(task);
      finishFirst();
      for (let i = 0; i < delay; i++) await Promise.resolve();
      await Promise.all([first, waiter, limit.run(task)]);
      expect({ delay, peak }).toEqual({ delay, peak: 1 });
    }
  });

  it('frees its slot when a task fails', async () => {
    const limit = new ConcurrencyLimit(1);
    await expect(limit.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit.run(async () => 'next')).resolves.toBe('next');
  });
});
