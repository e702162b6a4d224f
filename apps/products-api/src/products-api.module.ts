import { Module } from '@nestjs/common';
import { ProductsDomainModule } from '@mercato/products';
import { ServerModule } from '@mercato/server';
import { ProductsApiConfig } from './products-api.config';
import { ProductsController } from './products.controller';

@Module({
  imports: [
    ServerModule.forRoot({
      service: {
        name: 'products-api',
        title: 'Mercato products API',
        description:
          'The catalog: products, prices, stock and search. Reads are public and cached; writes need an admin token from users-api. Errors are RFC 9457 problem+json.',
      },
      config: ProductsApiConfig,
    }),
    ProductsDomainModule,
  ],
  controllers: [ProductsController],
})
export class ProductsApiModule {}
