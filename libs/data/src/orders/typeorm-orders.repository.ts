import { type NewOrder, type Order, type OrderFilter, type OrderLine, OrdersRepository, type OrderStatus, type Page } from '@mercato/core';
import type { EntityManager } from 'typeorm';
import { type DatabaseHandle, managerOf } from '../transactions';
import { isUuid } from './uuid';

type OrderRow = Omit<Order, 'lines'>;
const ORDER_COLUMNS = `o.id, o.checkout_id AS "checkoutId", o.user_id AS "userId", o.status, o.currency,
  o.created_at AS "createdAt", o.updated_at AS "updatedAt"`;

/** Orders and their lines, stored as rows of order_lines so the sales reports can aggregate them in SQL. */
export class TypeormOrdersRepository extends OrdersRepository {
  private readonly db: EntityManager;

  constructor(db: DatabaseHandle) {
    super();
    this.db = managerOf(db);
  }

  /** The order and its lines in one statement; each line carries the order's creation time for the reports. */
  async insert({ checkoutId, userId, currency, lines }: NewOrder): Promise<Order> {
    const [row] = (await this.db.query(
      `WITH o AS (
         INSERT INTO orders (checkout_id, user_id, currency) VALUES ($1, $2, $3) RETURNING *
       ), l AS (
         INSERT INTO order_lines (order_id, product_id, name, unit_price_cents, quantity, created_at)
         SELECT o.id, l."productId", l.name, l."unitPriceCents", l.quantity, o.created_at
           FROM o, jsonb_to_recordset($4::jsonb) AS l ("productId" integer, name text, "unitPriceCents" bigint, quantity integer)
       )
       SELECT ${ORDER_COLUMNS} FROM o`,
      [checkoutId, userId, currency, JSON.stringify(lines)],
    )) as OrderRow[];
    return { ...row, lines: [...lines].sort((a, b) => a.productId - b.productId).map((l) => ({ ...l })) };
  }

  findById(id: string): Promise<Order | null> {
    return this.selectOne(id, '');
  }

  lock(id: string): Promise<Order | null> {
    return this.selectOne(id, 'FOR UPDATE');
  }

  async setStatus(id: string, status: OrderStatus): Promise<Order> {
    const [rows] = (await this.db.query(`UPDATE orders SET status = $2, updated_at = now() WHERE id = $1 RETURNING id`, [id, status])) as [
      { id: string }[],
      number,
    ];
    if (!rows[0]) throw new Error(`order ${id} is not stored`);
    return (await this.findById(id)) as Order;
  }

  async list({ userId, status, createdFrom, createdBefore, skip, limit }: OrderFilter): Promise<Page<Order>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (condition: string, value: unknown) => where.push(condition.replace('?', `$${params.push(value)}`));
    if (userId !== undefined) add('o.user_id = ?', userId);
    if (status !== undefined) add('o.status = ?', status);
    if (createdFrom !== undefined) add('o.created_at >= ?', createdFrom);
    if (createdBefore !== undefined) add('o.created_at < ?', createdBefore);
    const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
    // The window total rides along with the page, as products' lists do; a page past the end counts apart.
    const rows = (await this.db.query(
      `SELECT ${ORDER_COLUMNS}, count(*) OVER () AS total FROM orders o ${filter}
       ORDER BY o.created_at DESC, o.id DESC OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, skip, limit],
    )) as (OrderRow & { total: string })[];
    const total = rows.length
      ? Number(rows[0].total)
      : skip > 0
        ? Number(((await this.db.query(`SELECT count(*) AS total FROM orders o ${filter}`, params)) as { total: string }[])[0].total)
        : 0;
    const lines = await this.linesOf(rows.map((r) => r.id));
    const items = rows.map(({ total: _total, ...order }) => ({ ...order, lines: lines.get(order.id) ?? [] }));
    return { items, total, skip, limit };
  }

  private async selectOne(id: string, lock: '' | 'FOR UPDATE'): Promise<Order | null> {
    if (!isUuid(id)) return null;
    const [row] = (await this.db.query(`SELECT ${ORDER_COLUMNS} FROM orders o WHERE o.id = $1 ${lock}`, [id])) as OrderRow[];
    if (!row) return null;
    return { ...row, lines: (await this.linesOf([id])).get(id) ?? [] };
  }

  private async linesOf(orderIds: string[]): Promise<Map<string, OrderLine[]>> {
    const byOrder = new Map<string, OrderLine[]>();
    if (!orderIds.length) return byOrder;
    const rows = (await this.db.query(
      `SELECT order_id AS "orderId", product_id AS "productId", name, unit_price_cents AS "unitPriceCents", quantity
         FROM order_lines WHERE order_id = ANY($1::uuid[]) ORDER BY order_id, product_id`,
      [orderIds],
    )) as (OrderLine & { orderId: string; unitPriceCents: string })[];
    for (const { orderId, unitPriceCents, ...line } of rows) {
      const list = byOrder.get(orderId) ?? [];
      list.push({ ...line, unitPriceCents: Number(unitPriceCents) });
      byOrder.set(orderId, list);
    }
    return byOrder;
  }
}
