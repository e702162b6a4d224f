import { RateLimiterLoginThrottle, type Redis } from '@mercato/redis';
import { Argon2PasswordHasher } from '@mercato/security';
import type { PasswordChecksConfig } from '@mercato/server';

/**
 * The one bounded hasher of a process, from its settings: every path that hashes or verifies a password in that
 * process (sign-in, sign-up, user tools, operator CLIs) must go through it, so ARGON2_MAX_CONCURRENCY holds.
 */
export function passwordHasherFrom(c: PasswordChecksConfig): Argon2PasswordHasher {
  return new Argon2PasswordHasher({
    memoryCost: c.ARGON2_MEMORY_KIB,
    timeCost: c.ARGON2_TIME_COST,
    parallelism: c.ARGON2_PARALLELISM,
    maxConcurrent: c.ARGON2_MAX_CONCURRENCY,
  });
}

/**
 * The password-guess budgets: in Redis under the deployment's key prefix, so every service draws on the same
 * ones; in this process's memory without Redis.
 */
export function loginThrottleFrom(c: PasswordChecksConfig, redis: Redis | null, keyPrefix: string): RateLimiterLoginThrottle {
  return new RateLimiterLoginThrottle(redis, {
    maxFailures: c.LOGIN_MAX_FAILURES,
    maxFailuresPerAccount: c.LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerClient: c.LOGIN_MAX_FAILURES_PER_CLIENT,
    windowSeconds: c.LOGIN_FAILURE_WINDOW_SECONDS,
    keyPrefix,
  });
}
