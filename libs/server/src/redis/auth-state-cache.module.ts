import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AuthStateCache, NoAuthStateCache } from '@mercato/core';
import { closeRedisClient, createRedisClient, type Redis, RedisAuthStateCache } from '@mercato/redis';
import { ServerConfig } from '../config/server-config';

/** Accounts whose standing a process keeps at once; each is a few hundred bytes. */
const MAX_ACCOUNTS = 10_000;
const TRACKING_REDIS = Symbol('TRACKING_REDIS');

/**
 * The process's AuthStateCache, on a Redis connection of its own (RESP3 client tracking) when REDIS_URL is set.
 * Global, because DataModule's users repository (which every service's token check and account writes go through)
 * is built with it.
 */
@Global()
@Module({
  providers: [
    {
      provide: TRACKING_REDIS,
      inject: [ServerConfig],
      useFactory: (c: ServerConfig): Redis | null => (c.REDIS_URL ? createRedisClient(c.REDIS_URL, { tracking: { maxEntries: MAX_ACCOUNTS } }) : null),
    },
    {
      provide: AuthStateCache,
      inject: [TRACKING_REDIS, ServerConfig],
      useFactory: (redis: Redis | null, c: ServerConfig): AuthStateCache =>
        redis ? new RedisAuthStateCache(redis, c.REDIS_KEY_PREFIX, { maxAccounts: MAX_ACCOUNTS }) : new NoAuthStateCache(),
    },
  ],
  exports: [AuthStateCache],
})
export class AuthStateCacheModule implements OnApplicationShutdown {
  constructor(@Inject(TRACKING_REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.redis);
  }
}
