import { startTestApp, type TestApp } from '@mercato/testing';
import { DataSource } from 'typeorm';
import { OrdersApiModule } from '../src/orders-api.module';
import { startShop, type Shop } from './shop';

// The expiry job for real: two replicas over one database, each sweeping every second.
let shop: Shop;
let replica: TestApp;
beforeAll(async () => {
  const env = { CHECKOUT_EXPIRY_INTERVAL_SECONDS: '1' };
  shop = await startShop({ env });
  replica = await startTestApp(OrdersApiModule, { database: shop.api.database, env });
}, 120_000);
afterAll(async () => {
  await replica?.close();
  await shop?.api.close();
});

const overdue = (ids: string[]) =>
  shop.api.app.get(DataSource).query(`UPDATE checkouts SET expires_at = now() - interval '1 second' WHERE id = ANY($1)`, [ids]);

async function eventually(check: () => Promise<boolean>, seconds: number): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`not within ${seconds} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('checkout expiry', () => {
  it('shows a checkout past its expiry as expired at once, before the job has run', async () => {
    const buyer = await shop.buyer();
    const p = await shop.product(1, 10);
    const { body } = await shop.checkout(buyer, [[p.id, 2]]).expect(201);
    await shop.api.app.get(DataSource).query(`UPDATE checkouts SET expires_at = now() + interval '300 milliseconds' WHERE id = $1`, [body.id]);
    await new Promise((resolve) => setTimeout(resolve, 400));

    const read = await shop.api.http.get(`/api/v1/checkouts/${body.id}`).set(buyer.auth).expect(200);

    expect(read.body.status).toBe('expired');
    await shop.complete(buyer, body.id).expect(409);
  });

  it('releases the stock of expired checkouts within seconds, exactly once with two replicas sweeping', async () => {
    const buyer = await shop.buyer();
    const p = await shop.product(1, 100);
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push((await shop.checkout(buyer, [[p.id, 2]]).expect(201)).body.id);
    expect(await shop.stockOf(p.id)).toBe(40);

    await overdue(ids);
    await eventually(async () => (await shop.stockOf(p.id)) === 100, 10);

    const rows = (await shop.api.app
      .get(DataSource)
      .query(`SELECT status, count(*)::int AS n FROM checkouts WHERE id = ANY($1) GROUP BY status`, [ids])) as unknown[];
    expect(rows).toEqual([{ status: 'expired', n: 30 }]);
    // a second look later: nothing released twice
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await shop.stockOf(p.id)).toBe(100);
  });
});
