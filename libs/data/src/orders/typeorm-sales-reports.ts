import { type ProductSales, type SalesInterval, type SalesPeriod, SalesReports, type SalesSummary, type TimeRange, type TopProductsSort } from '@mercato/core';
import type { EntityManager } from 'typeorm';
import { type DatabaseHandle, managerOf } from '../transactions';

const INTERVALS: Record<SalesInterval, string> = { day: 'day', week: 'week', month: 'month' };
const SORTS: Record<TopProductsSort, string> = { revenue: 'revenue_cents', units: 'units' };

/**
 * The lines of a range that count: their creation time (copied from the order) picks them by index, and the
 * canceled orders are taken out by an anti-join rather than by joining every order. A line was created with its
 * order, so only the canceled orders of the same range can match: saying so bounds that side by the range too
 * (ix_orders_status_created), instead of reading every canceled order there ever was.
 */
const COUNTED_LINES = `order_lines l
  WHERE l.created_at >= $1 AND l.created_at < $2
    AND NOT EXISTS (SELECT FROM orders c WHERE c.id = l.order_id AND c.status = 'canceled' AND c.created_at >= $1 AND c.created_at < $2)`;

/** The sales figures, aggregated in PostgreSQL; sums of bigint cents are exact numerics, read back as numbers. */
export class TypeormSalesReports extends SalesReports {
  private readonly db: EntityManager;

  constructor(db: DatabaseHandle) {
    super();
    this.db = managerOf(db);
  }

  async salesByPeriod({ from, to }: TimeRange, interval: SalesInterval): Promise<SalesPeriod[]> {
    // date_trunc on a UTC timestamp: periods start at UTC midnight, weeks on Monday, whatever the session's zone.
    const rows = (await this.db.query(
      `SELECT to_char(date_trunc('${INTERVALS[interval]}', l.created_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS period,
              count(DISTINCT l.order_id) AS orders, sum(l.quantity) AS units, sum(l.quantity * l.unit_price_cents) AS revenue_cents
         FROM ${COUNTED_LINES}
        GROUP BY 1 ORDER BY 1`,
      [from, to],
    )) as Record<string, string>[];
    return rows.map((r) => ({ period: r['period'], orders: Number(r['orders']), units: Number(r['units']), revenueCents: Number(r['revenue_cents']) }));
  }

  async topProducts({ from, to }: TimeRange, sort: TopProductsSort, limit: number): Promise<ProductSales[]> {
    const rows = (await this.db.query(
      `SELECT s.product_id, s.units, s.revenue_cents,
              (SELECT n.name FROM order_lines n WHERE n.product_id = s.product_id AND n.created_at >= $1 AND n.created_at < $2
                 AND NOT EXISTS (SELECT FROM orders c WHERE c.id = n.order_id AND c.status = 'canceled')
                ORDER BY n.created_at DESC, n.order_id DESC LIMIT 1) AS name
         FROM (SELECT l.product_id, sum(l.quantity) AS units, sum(l.quantity * l.unit_price_cents) AS revenue_cents
                 FROM ${COUNTED_LINES}
                GROUP BY l.product_id
                ORDER BY ${SORTS[sort]} DESC, l.product_id LIMIT $3) s
        ORDER BY s.${SORTS[sort]} DESC, s.product_id`,
      [from, to, limit],
    )) as Record<string, string>[];
    return rows.map((r) => ({ productId: Number(r['product_id']), name: r['name'], units: Number(r['units']), revenueCents: Number(r['revenue_cents']) }));
  }

  async summary({ from, to }: TimeRange): Promise<SalesSummary> {
    const [row] = (await this.db.query(
      `SELECT (SELECT count(*) FROM orders o WHERE o.created_at >= $1 AND o.created_at < $2 AND o.status <> 'canceled') AS orders,
              (SELECT count(*) FROM orders o WHERE o.created_at >= $1 AND o.created_at < $2 AND o.status = 'canceled') AS canceled_orders,
              coalesce(sum(l.quantity), 0) AS units, coalesce(sum(l.quantity * l.unit_price_cents), 0) AS revenue_cents
         FROM ${COUNTED_LINES}`,
      [from, to],
    )) as Record<string, string>[];
    return {
      orders: Number(row['orders']),
      units: Number(row['units']),
      revenueCents: Number(row['revenue_cents']),
      canceledOrders: Number(row['canceled_orders']),
    };
  }
}
