import type { Argon2PasswordHasher } from '@mercato/security';

/** Samples the hasher's slots while `work` runs: the most running at once, and the most waiting. */
export async function watchHashing<T>(hasher: Argon2PasswordHasher, work: () => Promise<T>): Promise<{ result: T; peak: number; waited: number }> {
  let peak = 0;
  let waited = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, hasher.concurrency.active);
    waited = Math.max(waited, hasher.concurrency.queued);
  }, 1);
  try {
    const result = await work();
    return { result, peak, waited };
  } finally {
    clearInterval(sample);
  }
}
