import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { ServerConfig } from '../config/server-config';

export const REDIS = Symbol('REDIS');
export type Redis = RedisClientType;

/**
 * One Redis client per process, or null without REDIS_URL. Redis trouble must never fail a request, so the
 * client does not queue commands while disconnected (callers get an error at once and fall back) and keeps
 * reconnecting in the background.
 */
@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [ServerConfig],
      useFactory: (config: ServerConfig): Redis | null => {
        if (!config.REDIS_URL) return null;
        const logger = new Logger('Redis');
        const client = createClient({
          url: config.REDIS_URL,
          disableOfflineQueue: true,
          socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
        }) as Redis;
        let reported = false;
        client.on('error', (error: Error) => {
          if (!reported) logger.warn(`Redis unavailable, continuing without it: ${error.message}`);
          reported = true;
        });
        client.on('ready', () => {
          if (reported) logger.log('Redis connection restored');
          reported = false;
        });
        client.connect().catch(() => undefined); // reported by the error listener; reconnects on its own
        return client;
      },
    },
  ],
  exports: [REDIS],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis | null) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.redis?.isOpen) return;
    // quit() flushes pending replies, but waits forever for a connection that is still being re-established.
    if (this.redis.isReady) await this.redis.quit().catch(() => this.redis?.destroy());
    else this.redis.destroy();
  }
}
