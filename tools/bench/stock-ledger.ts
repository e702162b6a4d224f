import type { DataSource } from 'typeorm';
import type { StockLedgerRow } from './stock-audit';

/**
 * Where the units of `productIds` are, from the database itself rather than from what the buyers were answered:
 * one statement, so stock, orders and checkouts come from one snapshot even while abandoned requests still commit.
 */
export async function readStockLedger(db: DataSource, productIds: readonly number[]): Promise<StockLedgerRow[]> {
  return (await db.query(
    `WITH sold AS (
       SELECT l.product_id, sum(l.quantity)::int AS units
       FROM order_lines l JOIN orders o ON o.id = l.order_id
       WHERE o.status <> 'canceled' AND l.product_id = ANY($1::int[])
       GROUP BY l.product_id
     ), held AS (
       SELECT (line->>'productId')::int AS product_id, sum((line->>'quantity')::int)::int AS units
       FROM checkouts c CROSS JOIN LATERAL jsonb_array_elements(c.lines) AS line
       WHERE c.status = 'ready_for_complete'
       GROUP BY 1
     )
     SELECT p.id AS "productId", p.stock, coalesce(s.units, 0) AS sold, coalesce(h.units, 0) AS held
     FROM products p LEFT JOIN sold s ON s.product_id = p.id LEFT JOIN held h ON h.product_id = p.id
     WHERE p.id = ANY($1::int[])`,
    [productIds],
  )) as StockLedgerRow[];
}
