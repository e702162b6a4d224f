import { Module } from '@nestjs/common';
import { NoProductCache, ProductCache } from '@mercato/core';
import { type Redis, RedisProductCache } from '@mercato/redis';
import { ServerConfig } from '../config/server-config';
import { Metrics } from '../metrics/metrics';
import { MetricsModule } from '../metrics/metrics.module';
import { REDIS, RedisModule } from './redis.module';

/**
 * The product cache: Redis when REDIS_URL is set, off otherwise. The catalog reads through it and every context
 * that changes stock (products, orders) drops what it changed, in the one Redis every replica shares.
 */
@Module({
  imports: [RedisModule, MetricsModule],
  providers: [
    {
      provide: ProductCache,
      inject: [REDIS, ServerConfig, Metrics],
      useFactory: (redis: Redis | null, c: ServerConfig, metrics: Metrics) =>
        redis ? new RedisProductCache(redis, c.REDIS_KEY_PREFIX, c.CACHE_TTL_SECONDS, metrics) : new NoProductCache(),
    },
  ],
  exports: [ProductCache],
})
export class ProductCacheModule {}
