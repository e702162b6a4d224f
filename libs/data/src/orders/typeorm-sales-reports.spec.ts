import type { OrderLine, OrderStatus, TimeRange } from '@mercato/core';
import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';

let setup: RepositoryDatabase;
let userId: number;
let lampId: number;
let deskId: number;

/** An order as the checkout flow stores it, then moved to `createdAt` (lines included, as the order's time is theirs). */
async function placeOrder(createdAt: string, lines: OrderLine[], status: OrderStatus = 'confirmed'): Promise<void> {
  const checkout = await setup.checkouts.insert({ userId, currency: 'EUR', lines, expiresAt: new Date() });
  const order = await setup.orders.insert({ checkoutId: checkout.id, userId, currency: 'EUR', lines });
  if (status !== 'confirmed') await setup.orders.setStatus(order.id, status);
  await setup.db.query(`UPDATE orders SET created_at = $2 WHERE id = $1`, [order.id, createdAt]);
  await setup.db.query(`UPDATE order_lines SET created_at = $2 WHERE order_id = $1`, [order.id, createdAt]);
}

const lamp = (quantity: number, unitPriceCents = 10, name = 'Lamp'): OrderLine => ({ productId: lampId, name, unitPriceCents, quantity });
const desk = (quantity: number): OrderLine => ({ productId: deskId, name: 'Desk', unitPriceCents: 19_999, quantity });
const range: TimeRange = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-05-01T00:00:00Z') };

beforeAll(async () => {
  setup = await repositoryDatabase();
  userId = (await setup.users.insert({ email: 'shopper@example.com', username: 'shopper', fullName: null, passwordHash: 'x', role: 'user' })).id;
  const item = (name: string) => setup.products.insert({ name, description: null, price: 1, stock: 0, metadata: null }, name.toLowerCase());
  [lampId, deskId] = [(await item('Lamp')).id, (await item('Desk')).id];

  await placeOrder('2026-02-28T23:59:59.999Z', [lamp(7)]); // before the range
  await placeOrder('2026-03-01T23:59:59.999Z', [lamp(1)]); // a Sunday: its week began on Monday 23 February
  await placeOrder('2026-03-02T00:00:00.000Z', [lamp(3), desk(1)]); // a Monday
  await placeOrder('2026-03-03T09:00:00.000Z', [lamp(100)], 'canceled');
  await placeOrder('2026-03-08T12:00:00.000Z', [desk(2)], 'shipped');
  await placeOrder('2026-04-01T00:00:00.000Z', [lamp(1, 15, 'Lamp v2')], 'delivered');
  await placeOrder('2026-05-01T00:00:00.000Z', [lamp(9)]); // the range's end is excluded
});
afterAll(() => setup.close());

describe('TypeormSalesReports', () => {
  it('sums orders, units and revenue per UTC day, in exact cents, leaving out canceled orders', async () => {
    await expect(setup.sales.salesByPeriod(range, 'day')).resolves.toEqual([
      { period: '2026-03-01', orders: 1, units: 1, revenueCents: 10 },
      { period: '2026-03-02', orders: 1, units: 4, revenueCents: 20_029 },
      { period: '2026-03-08', orders: 1, units: 2, revenueCents: 39_998 },
      { period: '2026-04-01', orders: 1, units: 1, revenueCents: 15 },
    ]);
  });

  it('groups by weeks starting on Monday and by calendar months, in UTC', async () => {
    await expect(setup.sales.salesByPeriod(range, 'week')).resolves.toEqual([
      { period: '2026-02-23', orders: 1, units: 1, revenueCents: 10 },
      { period: '2026-03-02', orders: 2, units: 6, revenueCents: 60_027 },
      { period: '2026-03-30', orders: 1, units: 1, revenueCents: 15 },
    ]);
    await expect(setup.sales.salesByPeriod(range, 'month')).resolves.toEqual([
      { period: '2026-03-01', orders: 3, units: 7, revenueCents: 60_037 },
      { period: '2026-04-01', orders: 1, units: 1, revenueCents: 15 },
    ]);
  });

  it('ranks products by revenue or units, naming each as its latest line in the range does', async () => {
    const deskSales = { productId: deskId, name: 'Desk', units: 3, revenueCents: 59_997 };
    const lampSales = { productId: lampId, name: 'Lamp v2', units: 5, revenueCents: 55 };
    await expect(setup.sales.topProducts(range, 'revenue', 10)).resolves.toEqual([deskSales, lampSales]);
    await expect(setup.sales.topProducts(range, 'units', 10)).resolves.toEqual([lampSales, deskSales]);
    await expect(setup.sales.topProducts(range, 'units', 1)).resolves.toEqual([lampSales]);
  });

  it('summarises the range, counting canceled orders apart', async () => {
    await expect(setup.sales.summary(range)).resolves.toEqual({ orders: 4, units: 8, revenueCents: 60_052, canceledOrders: 1 });
    const empty = { from: new Date('2030-01-01T00:00:00Z'), to: new Date('2030-02-01T00:00:00Z') };
    await expect(setup.sales.summary(empty)).resolves.toEqual({ orders: 0, units: 0, revenueCents: 0, canceledOrders: 0 });
    await expect(setup.sales.salesByPeriod(empty, 'day')).resolves.toEqual([]);
  });
});
