import { Module } from '@nestjs/common';
import { CheckoutExpiryModule, OrdersDomainModule } from '@mercato/orders';
import { ServerModule } from '@mercato/server';
import { AnalyticsController } from './analytics.controller';
import { CheckoutsController } from './checkouts.controller';
import { OrdersApiConfig } from './orders-api.config';
import { OrdersController } from './orders.controller';

@Module({
  imports: [
    ServerModule.forRoot({
      service: {
        name: 'orders-api',
        title: 'Mercato orders API',
        description:
          'Checkout with atomic stock reservation, orders and sales analytics. Every route needs a token from users-api; retries are safe with an Idempotency-Key. Errors are RFC 9457 problem+json.',
      },
      config: OrdersApiConfig,
    }),
    OrdersDomainModule,
    CheckoutExpiryModule,
  ],
  controllers: [CheckoutsController, OrdersController, AnalyticsController],
})
export class OrdersApiModule {}
