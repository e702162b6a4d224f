import { Logger } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';

export type Redis = RedisClientType;

export interface RedisClientOptions {
  /**
   * Keep up to this many read replies in the process (RESP3 client tracking: Redis tells the client when a key it
   * read changes, and node-redis drops the reply; it drops them all when the connection breaks). For a client of its
   * own, as it speaks RESP3 and the other clients' callers expect RESP2 replies.
   */
  tracking?: { maxEntries: number };
}

/**
 * The process's Redis client (plus one for client tracking, where a cache uses it). Redis trouble must never fail
 * a request, so a client does not queue commands while disconnected (callers get an error at once and fall back)
 * and keeps reconnecting in the background.
 */
export function createRedisClient(url: string, { tracking }: RedisClientOptions = {}): Redis {
  const logger = new Logger(tracking ? 'RedisTracking' : 'Redis');
  const client = createClient({
    url,
    disableOfflineQueue: true,
    socket: { connectTimeout: 2_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
    ...(tracking ? { RESP: 3, clientSideCache: { ttl: 0, maxEntries: tracking.maxEntries, evictPolicy: 'LRU' } } : {}),
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
}

/** quit() flushes pending replies, but waits forever for a connection that is still being re-established. */
export async function closeRedisClient(redis: Redis | null): Promise<void> {
  if (!redis?.isOpen) return;
  if (redis.isReady) await redis.quit().catch(() => redis.destroy());
  else redis.destroy();
}
