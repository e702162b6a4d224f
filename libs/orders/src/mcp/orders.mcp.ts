import { Module } from '@nestjs/common';
import { AnalyticsService, CheckoutsService, OrdersService } from '@mercato/core';
import { ContributesToMcp, type McpContribution, type McpContributor } from '@mercato/mcp';
import { OrdersDomainModule } from '../orders-domain.module';
import { orderFamily } from './orders.resources';
import { checkoutTools, orderTools } from './orders.tools';

/** Buying as agents see it: the checkout tools, orders, the admin reports and the `orders://{id}` resources. */
@ContributesToMcp()
export class OrdersMcp implements McpContributor {
  constructor(
    private readonly checkouts: CheckoutsService,
    private readonly orders: OrdersService,
    private readonly analytics: AnalyticsService,
  ) {}

  contribution(): McpContribution {
    return {
      tools: [...checkoutTools(this.checkouts), ...orderTools(this.orders, this.analytics)],
      resourceFamilies: [orderFamily(this.orders)],
    };
  }
}

/** Import into the MCP gateway's module to let agents buy. */
@Module({ imports: [OrdersDomainModule], providers: [OrdersMcp] })
export class OrdersMcpModule {}
