import { Module } from '@nestjs/common';
import { ProductCache, ProductsRepository, ProductsService } from '@mercato/core';
import { DataModule } from '@mercato/data';
import { ProductCacheModule } from '@mercato/server';

/** Wires core's product services over the data layer and the shared product cache. */
@Module({
  imports: [DataModule, ProductCacheModule],
  providers: [
    {
      provide: ProductsService,
      inject: [ProductsRepository, ProductCache],
      useFactory: (products: ProductsRepository, cache: ProductCache) => new ProductsService(products, cache),
    },
  ],
  exports: [ProductsService],
})
export class ProductsDomainModule {}
