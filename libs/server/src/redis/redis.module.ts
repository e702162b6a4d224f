import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { closeRedisClient, createRedisClient, type Redis } from '@mercato/redis';
import { ServerConfig } from '../config/server-config';

export const REDIS = Symbol('REDIS');

/** The process's one Redis client under REDIS, or null without REDIS_URL; import it where a provider needs Redis. */
@Module({
  providers: [{ provide: REDIS, inject: [ServerConfig], useFactory: (c: ServerConfig): Redis | null => (c.REDIS_URL ? createRedisClient(c.REDIS_URL) : null) }],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    await closeRedisClient(this.redis);
  }
}
