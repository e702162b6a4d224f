import type { TimeRange } from './orders.repository';

export type SalesInterval = 'day' | 'week' | 'month';
export type TopProductsSort = 'revenue' | 'units';

export interface SalesPeriod {
  /** The period's first day, YYYY-MM-DD in UTC; weeks start on Monday. */
  period: string;
  orders: number;
  units: number;
  revenueCents: number;
}

export interface ProductSales {
  productId: number;
  /** The name the product had on its most recent order line in the range. */
  name: string;
  units: number;
  revenueCents: number;
}

export interface SalesSummary {
  orders: number;
  units: number;
  revenueCents: number;
  canceledOrders: number;
}

/**
 * The sales aggregations, computed where the orders are stored (GROUP BY over indexed order lines, never by
 * loading orders into the service). Every figure counts orders that are not canceled, except `canceledOrders`.
 */
export abstract class SalesReports {
  /** Only the periods that had orders, oldest first. */
  abstract salesByPeriod(range: TimeRange, interval: SalesInterval): Promise<SalesPeriod[]>;
  /** Highest first by `sort`, ties broken by product id. */
  abstract topProducts(range: TimeRange, sort: TopProductsSort, limit: number): Promise<ProductSales[]>;
  abstract summary(range: TimeRange): Promise<SalesSummary>;
}
