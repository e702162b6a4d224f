import type { DataSource } from 'typeorm';

export interface BulkOrders {
  userId: number;
  orders: number;
  /** Each order has one line per product, the first `linesPerOrder` products by id. */
  linesPerOrder: number;
  /** Orders are spread evenly over `days` from `from`; every tenth is canceled. */
  from: Date;
  days: number;
}

/**
 * Loads many completed orders at once, with their checkouts and lines, for sales-report plans and benchmarks.
 * The products must exist. One statement per 50,000 orders.
 */
export async function bulkInsertOrders(db: DataSource, { userId, orders, linesPerOrder, from, days }: BulkOrders): Promise<void> {
  const batch = 50_000;
  for (let first = 0; first < orders; first += batch) {
    await db.query(
      `WITH c AS (
         INSERT INTO checkouts (user_id, currency, lines, expires_at, status)
         SELECT $1, 'EUR', '[{"productId": 1, "name": "x", "unitPriceCents": 1, "quantity": 1}]', now(), 'completed'
           FROM generate_series(1, $3) RETURNING id
       ), o AS (
         INSERT INTO orders (checkout_id, user_id, currency, status, created_at)
         SELECT id, $1, 'EUR', CASE WHEN ($2 + row_number() OVER ()) % 10 = 0 THEN 'canceled' ELSE 'delivered' END,
                $4::timestamptz + ($2 + row_number() OVER ()) * make_interval(days => $5) / $6
           FROM c RETURNING id, created_at
       ), p AS (SELECT id, name FROM products ORDER BY id LIMIT $7)
       INSERT INTO order_lines (order_id, product_id, name, unit_price_cents, quantity, created_at)
       SELECT o.id, p.id, p.name, 1999, 1 + p.id % 3, o.created_at FROM o CROSS JOIN p`,
      [userId, first, Math.min(batch, orders - first), from, days, orders, linesPerOrder],
    );
  }
  await db.query(`ANALYZE checkouts, orders, order_lines`);
}
