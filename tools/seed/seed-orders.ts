import {
  AgentLimitsService,
  CheckoutsService,
  NoPayment,
  OrdersService,
  SystemClock,
  systemActor,
  userActor,
  type Actor,
  type OrderStatus,
} from '@mercato/core';
import {
  createDataSource,
  PostgresIdempotencyStore,
  TypeormAgentLimits,
  TypeormCheckoutsRepository,
  TypeormOrdersRepository,
  TypeormOrdersUnitOfWork,
  TypeormProductsRepository,
  TypeormUsersRepository,
} from '@mercato/data';
import { OrdersConfig } from '@mercato/orders';
import { loadConfig } from '@mercato/server';
import type { DataSource } from 'typeorm';
import { DEMO_ORDER_PRODUCTS, demoOrders, type DemoOrder } from './demo-orders';

const DAY_MS = 24 * 60 * 60 * 1000;
const seed = systemActor('demo seed');

/**
 * Places the demo orders for `username` through core's checkout and order services, exactly as orders-api
 * would (stock taken, prices frozen, statuses moved forward or canceled), then dates them back over the last
 * 30 days. A database that has any order is left alone, so a restart adds none.
 *
 * It runs before any service starts, on the embedded database only; no product cache is told of the stock it
 * takes (a Redis named by REDIS_URL may serve an earlier run's cached product for up to CACHE_TTL_SECONDS).
 */
export async function seedOrders(databaseUrl: string, username: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const settings = loadConfig(OrdersConfig, env); // the CURRENCY and CHECKOUT_TTL_SECONDS the services are given
  const db = await createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'mercato-seed' }).initialize();
  try {
    const [{ exists }] = (await db.query('SELECT EXISTS (SELECT 1 FROM orders) AS exists')) as { exists: boolean }[];
    if (exists) return 0;
    const user = await new TypeormUsersRepository(db).findByLogin(username);
    if (!user) throw new Error(`the demo orders need the account ${username}`);
    const buyer = userActor(user.id, user.role);
    const products = await pickProducts(db);
    const units = new TypeormOrdersUnitOfWork(db);
    // The demo buyer signs in themselves, so no app's spending limit applies and no approval page is named.
    const limits = new AgentLimitsService(new TypeormAgentLimits(db), 0);
    const checkouts = new CheckoutsService(
      units,
      new TypeormCheckoutsRepository(db),
      new PostgresIdempotencyStore(db),
      new NoPayment(),
      new SystemClock(),
      { currency: settings.CURRENCY, ttlSeconds: settings.CHECKOUT_TTL_SECONDS, approvalUrl: (id) => `/approvals/checkouts/${id}` },
      limits,
    );
    const orders = new OrdersService(units, new TypeormOrdersRepository(db));

    const now = new Date();
    const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
    for (const [i, planned] of demoOrders().entries()) {
      const line_items = planned.lines.map(({ pick, quantity }) => ({ product_id: products[pick], quantity }));
      const checkout = await checkouts.create(buyer, { line_items }, `demo-seed-checkout-${i}`);
      const order = await checkouts.complete(buyer, checkout.id, `demo-seed-complete-${i}`);
      await moveTo(planned.status, order.id, buyer, orders);
      await backdate(db, order.id, planned, today, settings.CHECKOUT_TTL_SECONDS);
    }
    return demoOrders().length;
  } finally {
    await db.destroy();
  }
}

/** Varied products the catalog has plenty of, the same ones for the same catalog. */
async function pickProducts(db: DataSource): Promise<number[]> {
  const page = await new TypeormProductsRepository(db).list({ isActive: true, inStock: true, sort: 'name', skip: 0, limit: 100 });
  const stocked = page.items.filter((p) => p.stock >= 20);
  if (stocked.length < DEMO_ORDER_PRODUCTS)
    throw new Error(`the demo orders need ${DEMO_ORDER_PRODUCTS} products with stock; the catalog has ${stocked.length}`);
  const step = Math.floor(stocked.length / DEMO_ORDER_PRODUCTS);
  return Array.from({ length: DEMO_ORDER_PRODUCTS }, (_, i) => stocked[i * step].id);
}

async function moveTo(status: OrderStatus, id: string, buyer: Actor, orders: OrdersService): Promise<void> {
  switch (status) {
    case 'confirmed':
      return;
    case 'canceled':
      await orders.cancel(buyer, id);
      return;
    case 'delivered':
      await orders.setStatus(seed, id, { status: 'shipped' });
      await orders.setStatus(seed, id, { status: 'delivered' });
      return;
    case 'shipped':
      await orders.setStatus(seed, id, { status: 'shipped' });
  }
}

/**
 * Demo data only: the services stamp every row with the time it is written and offer no way to place an order
 * in the past, so the seed sets the dates itself: the order, its lines (which the sales reports range over) and
 * its checkout. An order that moved on did so within two days.
 */
async function backdate(db: DataSource, orderId: string, planned: DemoOrder, today: number, ttlSeconds: number): Promise<void> {
  const placedAt = new Date(today - planned.daysAgo * DAY_MS + planned.hour * 60 * 60 * 1000);
  const changedAt = planned.status === 'confirmed' ? placedAt : new Date(Math.min(Date.now(), placedAt.getTime() + 2 * DAY_MS));
  await db.transaction(async (tx) => {
    await tx.query('UPDATE orders SET created_at = $2, updated_at = $3 WHERE id = $1', [orderId, placedAt, changedAt]);
    await tx.query('UPDATE order_lines SET created_at = $2 WHERE order_id = $1', [orderId, placedAt]);
    await tx.query(`UPDATE checkouts SET created_at = $2, updated_at = $2, expires_at = $2::timestamptz + make_interval(secs => $3) WHERE order_id = $1`, [
      orderId,
      placedAt,
      ttlSeconds,
    ]);
  });
}
