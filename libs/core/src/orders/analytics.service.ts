import type { Actor } from '../auth/actor';
import { assertCan } from '../auth/permissions';
import { closedDayRange } from './day-range';
import type { SalesRangeQuery, SalesReportQuery, TopProductsQuery } from './dto/analytics.query';
import { fromCents } from './money';
import type { SalesReports } from './sales-reports';
import type { SalesReportView, SalesSummaryView, TopProductsView } from './sales.view';

/** Sales figures over orders that are not canceled, in whole UTC days; the aggregation is the port's. */
export class AnalyticsService {
  constructor(private readonly reports: SalesReports) {}

  async sales(actor: Actor, { from, to, interval }: SalesReportQuery): Promise<SalesReportView> {
    assertCan(actor, 'order:analytics');
    const periods = await this.reports.salesByPeriod(closedDayRange(from, to), interval);
    const sum = (pick: (p: (typeof periods)[number]) => number) => periods.reduce((total, p) => total + pick(p), 0);
    return {
      items: periods.map((p) => ({ period: p.period, orders: p.orders, units: p.units, revenue: fromCents(p.revenueCents) })),
      totals: { orders: sum((p) => p.orders), units: sum((p) => p.units), revenue: fromCents(sum((p) => p.revenueCents)) },
    };
  }

  async topProducts(actor: Actor, { from, to, sort, limit }: TopProductsQuery): Promise<TopProductsView> {
    assertCan(actor, 'order:analytics');
    const items = await this.reports.topProducts(closedDayRange(from, to), sort, limit);
    return { items: items.map((p) => ({ product_id: p.productId, name: p.name, units: p.units, revenue: fromCents(p.revenueCents) })) };
  }

  async summary(actor: Actor, { from, to }: SalesRangeQuery): Promise<SalesSummaryView> {
    assertCan(actor, 'order:analytics');
    const s = await this.reports.summary(closedDayRange(from, to));
    return {
      orders: s.orders,
      units: s.units,
      revenue: fromCents(s.revenueCents),
      average_order_value: s.orders === 0 ? 0 : fromCents(Math.round(s.revenueCents / s.orders)),
      canceled_orders: s.canceledOrders,
    };
  }
}
