import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  type Actor,
  AnalyticsService,
  SalesRangeQuery,
  SalesReportQuery,
  SalesReportView,
  SalesSummaryView,
  TopProductsQuery,
  TopProductsView,
} from '@mercato/core';
import { ApiProblems, CurrentActor, Requires } from '@mercato/server';

const OVER = 'Over orders that are not canceled, between the UTC days `from` and `to` (YYYY-MM-DD, both included).';

@ApiTags('analytics')
@Controller('api/v1/analytics')
export class AnalyticsController {
  constructor(private readonly analytics: AnalyticsService) {}

  @Get('sales')
  @Requires('order:analytics')
  @ApiOperation({ summary: 'Orders, units and revenue per period', description: `${OVER} \`interval\` is day (default), week (from Monday) or month.` })
  @ApiOkResponse({ type: SalesReportView })
  @ApiProblems(400, 401, 403)
  sales(@CurrentActor() actor: Actor, @Query() query: SalesReportQuery) {
    return this.analytics.sales(actor, query);
  }

  @Get('top-products')
  @Requires('order:analytics')
  @ApiOperation({ summary: 'Best-selling products', description: `${OVER} \`sort\` by revenue (default) or units; \`limit\` 1-100, default 10.` })
  @ApiOkResponse({ type: TopProductsView })
  @ApiProblems(400, 401, 403)
  topProducts(@CurrentActor() actor: Actor, @Query() query: TopProductsQuery) {
    return this.analytics.topProducts(actor, query);
  }

  @Get('summary')
  @Requires('order:analytics')
  @ApiOperation({ summary: 'Sales totals', description: `${OVER} Also counts the canceled orders.` })
  @ApiOkResponse({ type: SalesSummaryView })
  @ApiProblems(400, 401, 403)
  summary(@CurrentActor() actor: Actor, @Query() query: SalesRangeQuery) {
    return this.analytics.summary(actor, query);
  }
}
