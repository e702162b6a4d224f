import { RateLimitedError } from '@mercato/core';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from './redis-client';

/**
 * A fixed-window limiter in Redis when there is one, so every replica shares the count; an in-memory
 * limiter stands in while Redis is unreachable (and is the limiter when there is no Redis at all).
 */
export function sharedLimiter(redis: Redis | null, keyPrefix: string, points: number, durationSeconds: number): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ keyPrefix, points, duration: durationSeconds });
  if (!redis) return memory;
  return new RateLimiterRedis({ storeClient: redis, useRedisPackage: true, keyPrefix, points, duration: durationSeconds, insuranceLimiter: memory });
}

/** Takes one point for `key`, or throws RateLimitedError saying when to retry. */
export async function consumeOrRefuse(limiter: RateLimiterAbstract, key: string, what: string): Promise<void> {
  try {
    await limiter.consume(key);
  } catch (reason) {
    if (!(reason instanceof RateLimiterRes)) throw reason;
    const wait = Math.max(1, Math.ceil(reason.msBeforeNext / 1000));
    throw new RateLimitedError(`Too many ${what}; try again in ${wait} seconds`, wait);
  }
}
