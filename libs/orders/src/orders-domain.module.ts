import { Module } from '@nestjs/common';
import {
  AgentLimitsService,
  AnalyticsService,
  CheckoutsRepository,
  CheckoutsService,
  IdempotencyStore,
  NoPayment,
  OrdersRepository,
  OrdersService,
  OrdersUnitOfWork,
  PaymentProvider,
  ProductCache,
  SalesReports,
  StockCacheInvalidation,
  SystemClock,
} from '@mercato/core';
import { DataModule } from '@mercato/data';
import { AgentLimitsModule, loadConfig, ProductCacheModule, ServerConfig } from '@mercato/server';
import { OrdersConfig } from './orders-config';

/** The unit of work the services get: every stock change it makes is dropped from the catalog's cache. */
const STOCK_AWARE_UNITS = Symbol('STOCK_AWARE_UNITS');

/**
 * Wires core's checkout, order and analytics services over the data layer. Payment is out of scope: NoPayment
 * stands where a provider would plug in (see PaymentProvider in core).
 */
@Module({
  imports: [DataModule, ProductCacheModule, AgentLimitsModule],
  providers: [
    { provide: OrdersConfig, useFactory: () => loadConfig(OrdersConfig) },
    { provide: PaymentProvider, useClass: NoPayment },
    {
      provide: STOCK_AWARE_UNITS,
      inject: [OrdersUnitOfWork, ProductCache],
      useFactory: (units: OrdersUnitOfWork, cache: ProductCache) => new StockCacheInvalidation(units, cache),
    },
    {
      provide: CheckoutsService,
      inject: [STOCK_AWARE_UNITS, CheckoutsRepository, IdempotencyStore, PaymentProvider, OrdersConfig, ServerConfig, AgentLimitsService],
      useFactory: (
        units: OrdersUnitOfWork,
        checkouts: CheckoutsRepository,
        keys: IdempotencyStore,
        payments: PaymentProvider,
        c: OrdersConfig,
        server: ServerConfig,
        limits: AgentLimitsService,
      ) =>
        new CheckoutsService(
          units,
          checkouts,
          keys,
          payments,
          new SystemClock(),
          { currency: c.CURRENCY, ttlSeconds: c.CHECKOUT_TTL_SECONDS, approvalUrl: (id) => server.checkoutApprovalUrl(id) },
          limits,
        ),
    },
    {
      provide: OrdersService,
      inject: [STOCK_AWARE_UNITS, OrdersRepository],
      useFactory: (units: OrdersUnitOfWork, orders: OrdersRepository) => new OrdersService(units, orders),
    },
    { provide: AnalyticsService, inject: [SalesReports], useFactory: (reports: SalesReports) => new AnalyticsService(reports) },
  ],
  exports: [CheckoutsService, OrdersService, AnalyticsService, OrdersConfig],
})
export class OrdersDomainModule {}
