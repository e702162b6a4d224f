import { Logger } from '@nestjs/common';
import { LoginThrottle, type LoginThrottleKeys, RateLimitedError } from '@mercato/core';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from '../redis/redis.module';
import { sharedLimiter } from '../redis/rate-limiter';

export interface LoginThrottleSettings {
  maxFailuresPerAccount: number;
  maxFailuresPerClient: number;
  windowSeconds: number;
  keyPrefix: string;
}

/**
 * Failed-login budgets per account and per client address, shared by every replica through Redis.
 */
export class RateLimiterLoginThrottle extends LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private readonly account: RateLimiterAbstract;
  private readonly client: RateLimiterAbstract;

  constructor(redis: Redis | null, private readonly settings: LoginThrottleSettings) {
    super();
    this.account = sharedLimiter(redis, `${settings.keyPrefix}login:account`, settings.maxFailuresPerAccount, settings.windowSeconds);
    this.client = sharedLimiter(redis, `${settings.keyPrefix}login:client`, settings.maxFailuresPerClient, settings.windowSeconds);
  }

  async assertAllowed(keys: LoginThrottleKeys): Promise<void> {
    const [account, client] = await Promise.all([this.safeGet(this.account, keys.account), this.safeGet(this.client, keys.client)]);
    const blocked = [
      account && account.consumedPoints >= this.settings.maxFailuresPerAccount ? account : null,
      client && client.consumedPoints >= this.settings.maxFailuresPerClient ? client : null,
    ].filter((r): r is RateLimiterRes => r !== null);
    if (blocked.length) {
      const wait = Math.max(1, Math.ceil(Math.max(...blocked.map((r) => r.msBeforeNext)) / 1000));
      throw new RateLimitedError(`Too many failed sign-in attempts; try again in ${wait} seconds`, wait);
    }
  }

  async recordFailure(keys: LoginThrottleKeys): Promise<void> {
    await Promise.all([this.account.consume(keys.account).catch(ignoreLimit), this.client.consume(keys.client).catch(ignoreLimit)]);
  }

  async forgetAccount(account: string): Promise<void> {
    await this.account.delete(account).catch((e: unknown) => this.logger.warn(`could not reset login failures: ${String(e)}`));
  }

  private async safeGet(limiter: RateLimiterAbstract, key: string): Promise<RateLimiterRes | null> {
    try {
      return await limiter.get(key);
    } catch (error) {
      this.logger.warn(`login throttle unavailable: ${String(error)}`);
      return null;
    }
  }
}

/** Consuming past the limit rejects with the limiter's state; that is the expected outcome, not an error. */
function ignoreLimit(reason: unknown): void {
  if (!(reason instanceof RateLimiterRes)) throw reason;
}
