import { Module } from '@nestjs/common';
import { NoProductCache, ProductCache, ProductsRepository, ProductsService } from '@mercato/core';
import { DataModule } from '@mercato/data';
import { type Redis, RedisProductCache } from '@mercato/redis';
import { Metrics, MetricsModule, REDIS, RedisModule, ServerConfig } from '@mercato/server';

/** Wires core's product services; the cache is Redis when REDIS_URL is set, and off otherwise. */
@Module({
  imports: [DataModule, RedisModule, MetricsModule],
  providers: [
    {
      provide: ProductCache,
      inject: [REDIS, ServerConfig, Metrics],
      useFactory: (redis: Redis | null, c: ServerConfig, metrics: Metrics) =>
        redis ? new RedisProductCache(redis, c.REDIS_KEY_PREFIX, c.CACHE_TTL_SECONDS, metrics) : new NoProductCache(),
    },
    {
      provide: ProductsService,
      inject: [ProductsRepository, ProductCache],
      useFactory: (products: ProductsRepository, cache: ProductCache) => new ProductsService(products, cache),
    },
  ],
  exports: [ProductsService],
})
export class ProductsDomainModule {}
