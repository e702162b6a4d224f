import { CheckoutExpiry } from '@mercato/orders';
import type { ActingUser } from '@mercato/testing';
import { DataSource } from 'typeorm';
import { startShop, type Shop } from './shop';

// Races on real PostgreSQL: every outcome must be a clean 2xx or 4xx, and stock must add up afterwards.
let shop: Shop;
let buyers: ActingUser[];
beforeAll(async () => {
  shop = await startShop({ env: { DATABASE_POOL_SIZE: '20' } });
  buyers = [];
  for (let i = 0; i < 10; i++) buyers.push(await shop.buyer());
}, 120_000);
afterAll(() => shop.api.close());

const statuses = (responses: { status: number }[]) =>
  responses.reduce<Record<number, number>>((count, r) => ({ ...count, [r.status]: (count[r.status] ?? 0) + 1 }), {});
const buyer = (i: number) => buyers[i % buyers.length] as ActingUser;
/** Makes a checkout overdue without waiting: its expiry moves into the past, as time would move it. */
const overdue = (id: string) => shop.api.app.get(DataSource).query(`UPDATE checkouts SET expires_at = now() - interval '1 second' WHERE id = $1`, [id]);

describe('checkouts racing for stock', () => {
  it('50 checkouts at once for a product with stock 10: exactly 10 succeed, 40 get 409, stock ends at 0', async () => {
    const p = await shop.product(2, 10);

    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => shop.checkout(buyer(i), [[p.id, 1]])));

    expect(statuses(responses)).toEqual({ 201: 10, 409: 40 });
    for (const r of responses.filter((r) => r.status === 409)) expect(r.body.type).toBe('/problems/insufficient-stock');
    expect(await shop.stockOf(p.id)).toBe(0);
  });

  it('a checkout for [A, B] where B is short leaves A unchanged', async () => {
    const a = await shop.product(1, 5);
    const b = await shop.product(1, 1);

    await shop
      .checkout(buyer(0), [
        [a.id, 2],
        [b.id, 2],
      ])
      .expect(409);

    expect([await shop.stockOf(a.id), await shop.stockOf(b.id)]).toEqual([5, 1]);
  });

  it('checkouts for [A, B] and [B, A] at once never deadlock and never answer 500', async () => {
    const a = await shop.product(1, 30);
    const b = await shop.product(1, 30);

    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        shop.checkout(
          buyer(i),
          i % 2 === 0
            ? [
                [a.id, 1],
                [b.id, 1],
              ]
            : [
                [b.id, 1],
                [a.id, 1],
              ],
        ),
      ),
    );

    expect(statuses(responses)).toEqual({ 201: 30, 409: 10 });
    expect([await shop.stockOf(a.id), await shop.stockOf(b.id)]).toEqual([0, 0]);
  });

  it('the same Idempotency-Key sent 20 times at once reserves once', async () => {
    const p = await shop.product(1, 100);

    const responses = await Promise.all(Array.from({ length: 20 }, () => shop.checkout(buyer(0), [[p.id, 3]], 'twenty-at-once')));

    // The first runs; the others see it running (409) or, once it is done, get its answer again (201).
    const created = responses.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((r) => r.body.id)).size).toBe(1);
    for (const r of responses.filter((r) => r.status !== 201)) expect(r.body).toMatchObject({ status: 409, field: 'Idempotency-Key' });
    expect(await shop.stockOf(p.id)).toBe(97);
  });

  it('completing one checkout 10 times at once with different keys makes one order', async () => {
    const p = await shop.product(1, 10);
    const { body } = await shop.checkout(buyer(0), [[p.id, 2]]).expect(201);

    const responses = await Promise.all(Array.from({ length: 10 }, () => shop.complete(buyer(0), body.id)));

    expect(statuses(responses)).toEqual({ 201: 1, 409: 9 });
    const orders = await shop.api.http.get(`/api/v1/orders?user_id=${buyer(0).id}&limit=100`).set(shop.admin.auth);
    expect(orders.body.items.filter((o: { checkout_id: string }) => o.checkout_id === body.id)).toHaveLength(1);
    expect(await shop.stockOf(p.id)).toBe(8);
  });
});

describe('stock given back exactly once', () => {
  it('cancel, expiry and complete racing on one checkout release its stock once, or keep it for the order', async () => {
    const expiry = shop.api.app.get(CheckoutExpiry);
    for (let round = 0; round < 10; round++) {
      const p = await shop.product(1, 10);
      const { body } = await shop.checkout(buyer(round), [[p.id, 4]]).expect(201);
      if (round % 2 === 0) await overdue(body.id);

      const [cancel, , complete] = await Promise.all([
        shop.api.http.post(`/api/v1/checkouts/${body.id}/cancel`).set(buyer(round).auth),
        expiry.sweep(),
        shop.complete(buyer(round), body.id),
      ]);

      for (const r of [cancel, complete]) expect([200, 201, 409]).toContain(r.status);
      const ordered = complete.status === 201;
      expect(await shop.stockOf(p.id)).toBe(ordered ? 6 : 10);
      if (round % 2 === 0) expect(ordered).toBe(false);
    }
  });

  it('an order canceled 10 times at once, by its owner and an admin, returns its stock once', async () => {
    const p = await shop.product(1, 10);
    const order = await shop.order(buyer(1), [[p.id, 3]]);

    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) => shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set((i % 2 ? shop.admin : buyer(1)).auth)),
    );

    expect(statuses(responses)).toEqual({ 200: 10 });
    expect(await shop.stockOf(p.id)).toBe(10);
  });
});
