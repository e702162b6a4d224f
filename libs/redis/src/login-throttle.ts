import { Logger } from '@nestjs/common';
import { LoginThrottle, type LoginThrottleKeys, RateLimitedError } from '@mercato/core';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from './redis-client';
import { sharedLimiter } from './rate-limiter';

export interface LoginThrottleSettings {
  /** Guesses at one account from one client address. */
  maxFailures: number;
  /** Guesses at one account from all addresses together. */
  maxFailuresPerAccount: number;
  /** Guesses from one client address at all accounts together. */
  maxFailuresPerClient: number;
  windowSeconds: number;
  keyPrefix: string;
}

interface Budget {
  limiter: RateLimiterAbstract;
  key: (keys: LoginThrottleKeys) => string;
  /** A right password empties this budget's count (rather than giving back the one attempt). */
  forgivenOnSuccess: boolean;
}

/**
 * Password-guess budgets in Redis (shared by every replica and service), in memory without it. Each budget is
 * taken by an atomic increment, so of N guesses arriving at once only as many as the budget holds get through.
 */
export class RateLimiterLoginThrottle extends LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private readonly budgets: Budget[];

  constructor(redis: Redis | null, s: LoginThrottleSettings) {
    super();
    const limiter = (name: string, points: number) => sharedLimiter(redis, `${s.keyPrefix}login:${name}`, points, s.windowSeconds);
    this.budgets = [
      // The well-known pair: a small budget per (account, address) that locks out only that address, and a
      // larger one per account, so an attacker cannot lock the owner out everywhere with a handful of guesses.
      { limiter: limiter('account-client', s.maxFailures), key: (k) => `${k.account}|${k.client}`, forgivenOnSuccess: true },
      { limiter: limiter('account', s.maxFailuresPerAccount), key: (k) => k.account, forgivenOnSuccess: false },
      { limiter: limiter('client', s.maxFailuresPerClient), key: (k) => k.client, forgivenOnSuccess: false },
    ];
  }

  async take(keys: LoginThrottleKeys): Promise<void> {
    const outcomes = await Promise.allSettled(this.budgets.map((b) => b.limiter.consume(b.key(keys))));
    const refusals = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
    if (!refusals.length) return;
    // A refused consume counted too. This attempt is not evaluated, so it gives back every point it counted:
    // the counts stay "attempts let through", and the attempts already let through keep holding theirs.
    await Promise.all(
      this.budgets.map((b, i) => {
        const o = outcomes[i];
        const counted = o.status === 'fulfilled' || o.reason instanceof RateLimiterRes;
        return counted ? this.quietly(b.limiter.reward(b.key(keys))) : undefined;
      }),
    );
    const limits = refusals.filter((r): r is RateLimiterRes => r instanceof RateLimiterRes);
    if (limits.length < refusals.length) throw refusals.find((r) => !(r instanceof RateLimiterRes));
    const wait = Math.max(1, Math.ceil(Math.max(...limits.map((r) => r.msBeforeNext)) / 1000));
    throw new RateLimitedError(`Too many failed sign-in attempts; try again in ${wait} seconds`, wait);
  }

  async succeeded(keys: LoginThrottleKeys): Promise<void> {
    await Promise.all(this.budgets.map((b) => this.quietly(b.forgivenOnSuccess ? b.limiter.delete(b.key(keys)) : b.limiter.reward(b.key(keys)))));
  }

  /** Giving back is a courtesy: if the store is unreachable the caller is still answered. */
  private async quietly(work: Promise<unknown>): Promise<void> {
    await work.catch((e: unknown) => this.logger.warn(`could not give back a sign-in attempt: ${String(e)}`));
  }
}
