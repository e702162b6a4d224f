import type { ActingUser } from '@mercato/testing';
import { DataSource } from 'typeorm';
import { startShop, type Shop } from './shop';

// Sales figures over real orders; each order is moved to the day it stands for, as if placed then.
let shop: Shop;
let buyer: ActingUser;
const placedOn = (id: string, at: string) =>
  shop.api.app
    .get(DataSource)
    .query(
      `WITH o AS (UPDATE orders SET created_at = $2 WHERE id = $1 RETURNING id) UPDATE order_lines SET created_at = $2 WHERE order_id IN (SELECT id FROM o)`,
      [id, at],
    );

let lamp: { id: number; name: string };
let desk: { id: number; name: string };
beforeAll(async () => {
  shop = await startShop();
  buyer = await shop.buyer();
  lamp = await shop.product(19.99, 100);
  desk = await shop.product(120, 100);
  // 2026-03-02 is a Monday
  const placed: [string, [number, number][], string?][] = [
    ['2026-03-02T08:00:00Z', [[lamp.id, 2]]],
    [
      '2026-03-02T23:59:59Z',
      [
        [lamp.id, 1],
        [desk.id, 1],
      ],
    ],
    ['2026-03-04T12:00:00Z', [[desk.id, 2]]],
    ['2026-03-09T00:00:00Z', [[lamp.id, 3]]],
    ['2026-04-01T10:00:00Z', [[lamp.id, 1]]],
    ['2026-03-03T10:00:00Z', [[desk.id, 5]], 'canceled'],
  ];
  for (const [at, lines, status] of placed) {
    const order = await shop.order(buyer, lines);
    if (status) await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(buyer.auth).expect(200);
    await placedOn(order.id, at);
  }
}, 60_000);
afterAll(() => shop.api.close());

const get = (path: string, who: ActingUser = shop.admin) => shop.api.http.get(path).set(who.auth);

describe('GET /api/v1/analytics/sales', () => {
  it('sums orders, units and revenue per UTC day, leaving canceled orders out', async () => {
    const res = await get('/api/v1/analytics/sales?from=2026-03-01&to=2026-03-09').expect(200);

    expect(res.body).toEqual({
      items: [
        { period: '2026-03-02', orders: 2, units: 4, revenue: 179.97 },
        { period: '2026-03-04', orders: 1, units: 2, revenue: 240 },
        { period: '2026-03-09', orders: 1, units: 3, revenue: 59.97 },
      ],
      totals: { orders: 4, units: 9, revenue: 479.94 },
    });
  });

  it('groups by week from Monday and by month', async () => {
    const weeks = await get('/api/v1/analytics/sales?from=2026-03-01&to=2026-04-30&interval=week').expect(200);
    expect(weeks.body.items).toEqual([
      { period: '2026-03-02', orders: 3, units: 6, revenue: 419.97 },
      { period: '2026-03-09', orders: 1, units: 3, revenue: 59.97 },
      { period: '2026-03-30', orders: 1, units: 1, revenue: 19.99 },
    ]);
    const months = await get('/api/v1/analytics/sales?from=2026-03-01&to=2026-04-30&interval=month').expect(200);
    expect(months.body.items).toEqual([
      { period: '2026-03-01', orders: 4, units: 9, revenue: 479.94 },
      { period: '2026-04-01', orders: 1, units: 1, revenue: 19.99 },
    ]);
  });
});

describe('GET /api/v1/analytics/top-products', () => {
  it('ranks products by revenue or by units', async () => {
    const byRevenue = await get('/api/v1/analytics/top-products?from=2026-03-01&to=2026-04-30').expect(200);
    expect(byRevenue.body.items).toEqual([
      { product_id: desk.id, name: desk.name, units: 3, revenue: 360 },
      { product_id: lamp.id, name: lamp.name, units: 7, revenue: 139.93 },
    ]);
    const byUnits = await get('/api/v1/analytics/top-products?from=2026-03-01&to=2026-04-30&sort=units&limit=1').expect(200);
    expect(byUnits.body.items).toEqual([{ product_id: lamp.id, name: lamp.name, units: 7, revenue: 139.93 }]);
  });
});

describe('GET /api/v1/analytics/summary', () => {
  it('gives totals, the average order value to the cent, and the canceled orders', async () => {
    const res = await get('/api/v1/analytics/summary?from=2026-03-01&to=2026-03-31').expect(200);

    expect(res.body).toEqual({ orders: 4, units: 9, revenue: 479.94, average_order_value: 119.99, canceled_orders: 1 });
    const empty = await get('/api/v1/analytics/summary?from=2020-01-01&to=2020-01-31').expect(200);
    expect(empty.body).toEqual({ orders: 0, units: 0, revenue: 0, average_order_value: 0, canceled_orders: 0 });
  });
});

describe('analytics input', () => {
  it('is for admins only', async () => {
    await get('/api/v1/analytics/summary?from=2026-03-01&to=2026-03-31', buyer).expect(403);
    await shop.api.http.get('/api/v1/analytics/summary?from=2026-03-01&to=2026-03-31').expect(401);
  });

  it('refuses bad days, intervals, sorts and limits with 400', async () => {
    for (const query of [
      'sales?from=2026-03-01',
      'sales?from=2026-02-30&to=2026-03-01',
      'sales?from=2026-03-01&to=2026-03-02&interval=year',
      'sales?from=2026-03-09&to=2026-03-01',
      'top-products?from=2026-03-01&to=2026-03-02&sort=name',
      'top-products?from=2026-03-01&to=2026-03-02&limit=0',
      'top-products?from=2026-03-01&to=2026-03-02&limit=1e21',
      'summary?from=2026-3-1&to=2026-03-02',
    ]) {
      const res = await get(`/api/v1/analytics/${query}`);
      expect({ query, status: res.status, type: res.body.type }).toEqual({ query, status: 400, type: '/problems/validation-failed' });
    }
  });
});
