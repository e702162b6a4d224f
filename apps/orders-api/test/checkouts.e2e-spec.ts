import type { ActingUser } from '@mercato/testing';
import { startShop, type Shop } from './shop';

let shop: Shop;
let alice: ActingUser;
let bob: ActingUser;
beforeAll(async () => {
  shop = await startShop();
  alice = await shop.buyer();
  bob = await shop.buyer();
}, 60_000);
afterAll(() => shop.api.close());

describe('POST /api/v1/checkouts', () => {
  it('reserves the stock of every line and prices them exactly to the cent', async () => {
    const a = await shop.product(0.1, 10);
    const b = await shop.product(0.2, 5);

    const res = await shop
      .checkout(alice, [
        [b.id, 3],
        [a.id, 1],
      ])
      .expect(201);

    expect(res.body).toMatchObject({
      status: 'ready_for_complete',
      currency: 'EUR',
      line_items: [
        { product_id: a.id, name: a.name, unit_price: 0.1, quantity: 1, total: 0.1 },
        { product_id: b.id, name: b.name, unit_price: 0.2, quantity: 3, total: 0.6 },
      ],
      totals: { subtotal: 0.7, total: 0.7 },
      order_id: null,
    });
    expect(res.body.id).toMatch(/^[0-9a-f-]{36}$/);
    // the expiry is the app's clock plus CHECKOUT_TTL_SECONDS, the creation time the database's
    expect(Math.abs(Date.parse(res.body.expires_at) - Date.parse(res.body.created_at) - 900_000)).toBeLessThan(1000);
    expect([await shop.stockOf(a.id), await shop.stockOf(b.id)]).toEqual([9, 2]);
  });

  it('refuses a short line with 409 naming every short line, reserving nothing', async () => {
    const a = await shop.product(5, 4);
    const b = await shop.product(5, 1);
    const c = await shop.product(5, 0);

    const res = await shop
      .checkout(alice, [
        [a.id, 2],
        [b.id, 2],
        [c.id, 1],
      ])
      .expect(409);

    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: '/problems/insufficient-stock',
      status: 409,
      items: [
        { product_id: b.id, requested: 2, available: 1 },
        { product_id: c.id, requested: 1, available: 0 },
      ],
    });
    expect([await shop.stockOf(a.id), await shop.stockOf(b.id), await shop.stockOf(c.id)]).toEqual([4, 1, 0]);
  });

  it('refuses an unknown or deactivated product with 422 naming the line', async () => {
    const a = await shop.product(5, 4);
    const gone = await shop.product(5, 4);
    await shop.products.deactivate(gone.id);

    const unknown = await shop
      .checkout(alice, [
        [a.id, 1],
        [2_000_000_000, 1],
      ])
      .expect(422);
    expect(unknown.body).toMatchObject({ type: '/problems/unprocessable', field: 'line_items[1].product_id' });
    const inactive = await shop.checkout(alice, [[gone.id, 1]]).expect(422);
    expect(inactive.body).toMatchObject({ field: 'line_items[0].product_id' });
    expect(await shop.stockOf(a.id)).toBe(4);
  });

  it('validates the body and the Idempotency-Key', async () => {
    const a = await shop.product(5, 4);
    const post = (body: unknown, key?: string) => {
      const req = shop.api.http.post('/api/v1/checkouts').set(alice.auth);
      return (key === undefined ? req : req.set('Idempotency-Key', key)).send(body as object);
    };
    await post({ line_items: [{ product_id: a.id, quantity: 1 }] }).expect(400);
    await post({ line_items: [{ product_id: a.id, quantity: 1 }] }, 'k'.repeat(256)).expect(400);
    const bad = [
      {},
      { line_items: [] },
      { line_items: [{ product_id: a.id, quantity: 0 }] },
      { line_items: [{ product_id: a.id, quantity: 1001 }] },
      { line_items: [{ product_id: a.id, quantity: 1.5 }] },
      {
        line_items: [
          { product_id: a.id, quantity: 1 },
          { product_id: a.id, quantity: 2 },
        ],
      },
      { line_items: Array.from({ length: 51 }, (_, i) => ({ product_id: i + 1, quantity: 1 })) },
      { line_items: [{ product_id: 9_999_999_999, quantity: 1 }] },
      { line_items: ['x'] },
    ];
    for (const body of bad) {
      const res = await post(body, 'key-validation').expect(400);
      expect(res.body.type).toBe('/problems/validation-failed');
    }
    expect(await shop.stockOf(a.id)).toBe(4);
  });

  it('is for signed-in buyers: 401 without a token, 403 for guests, before the body is read', async () => {
    await shop.api.http.post('/api/v1/checkouts').set('Idempotency-Key', 'x').send({}).expect(401);
    const guest = await shop.buyer('guest');
    const res = await shop.api.http.post('/api/v1/checkouts').set(guest.auth).set('Idempotency-Key', 'x').send({}).expect(403);
    expect(res.body.type).toBe('/problems/forbidden');
  });
});

describe('Idempotency-Key', () => {
  it('returns the first checkout again for the same key and body, reserving once', async () => {
    const a = await shop.product(3, 10);
    const first = await shop.checkout(alice, [[a.id, 2]], 'same-key').expect(201);
    const again = await shop.checkout(alice, [[a.id, 2]], 'same-key').expect(201);

    expect(again.body).toEqual(first.body);
    expect(await shop.stockOf(a.id)).toBe(8);
  });

  it('refuses the key with a different body (422), and keys are per account', async () => {
    const a = await shop.product(3, 10);
    await shop.checkout(alice, [[a.id, 1]], 'per-account').expect(201);

    const other = await shop.checkout(alice, [[a.id, 2]], 'per-account').expect(422);
    expect(other.body).toMatchObject({ type: '/problems/unprocessable', field: 'Idempotency-Key' });
    const bobs = await shop.checkout(bob, [[a.id, 2]], 'per-account').expect(201);
    expect(bobs.body.line_items[0].quantity).toBe(2);
    expect(await shop.stockOf(a.id)).toBe(7);
  });

  it('lets a refused request be retried with its key once the refusal is mended', async () => {
    const a = await shop.product(3, 1);
    await shop.checkout(alice, [[a.id, 2]], 'retry-after-restock').expect(409);
    await shop.products.adjustStock(a.id, 5);

    await shop.checkout(alice, [[a.id, 2]], 'retry-after-restock').expect(201);
    expect(await shop.stockOf(a.id)).toBe(4);
  });
});

describe('a checkout after it is made', () => {
  it('reads back for its owner and admins, and is 404 for anyone else', async () => {
    const a = await shop.product(3, 10);
    const { body } = await shop.checkout(alice, [[a.id, 1]]).expect(201);

    await shop.api.http.get(`/api/v1/checkouts/${body.id}`).set(alice.auth).expect(200, body);
    await shop.api.http.get(`/api/v1/checkouts/${body.id}`).set(shop.admin.auth).expect(200);
    const hidden = await shop.api.http.get(`/api/v1/checkouts/${body.id}`).set(bob.auth).expect(404);
    expect(hidden.body.type).toBe('/problems/not-found');
    await shop.api.http
      .put(`/api/v1/checkouts/${body.id}`)
      .set(bob.auth)
      .send({ line_items: [{ product_id: a.id, quantity: 2 }] })
      .expect(404);
    await shop.api.http.post(`/api/v1/checkouts/${body.id}/cancel`).set(bob.auth).expect(404);
    await shop.complete(bob, body.id).expect(404);
    await shop.api.http.get('/api/v1/checkouts/not-a-uuid').set(alice.auth).expect(404);
    expect(await shop.stockOf(a.id)).toBe(9);
  });

  it('replaces its lines, reserving and releasing only the difference, prices kept', async () => {
    const a = await shop.product(2.5, 10);
    const b = await shop.product(1, 10);
    const c = await shop.product(4, 10);
    const { body } = await shop
      .checkout(alice, [
        [a.id, 2],
        [b.id, 2],
      ])
      .expect(201);

    const res = await shop.api.http
      .put(`/api/v1/checkouts/${body.id}`)
      .set(alice.auth)
      .send({
        line_items: [
          { product_id: a.id, quantity: 5 },
          { product_id: c.id, quantity: 1 },
        ],
      })
      .expect(200);

    expect(res.body.line_items.map((l: { product_id: number; quantity: number }) => [l.product_id, l.quantity])).toEqual([
      [a.id, 5],
      [c.id, 1],
    ]);
    expect(res.body.totals.total).toBe(16.5);
    expect([await shop.stockOf(a.id), await shop.stockOf(b.id), await shop.stockOf(c.id)]).toEqual([5, 10, 9]);

    const short = await shop.api.http
      .put(`/api/v1/checkouts/${body.id}`)
      .set(alice.auth)
      .send({ line_items: [{ product_id: a.id, quantity: 11 }] })
      .expect(409);
    expect(short.body.items).toEqual([{ product_id: a.id, requested: 11, available: 10 }]);
    expect([await shop.stockOf(a.id), await shop.stockOf(c.id)]).toEqual([5, 9]);
  });

  it('cancels once, giving the stock back; a repeat changes nothing', async () => {
    const a = await shop.product(2, 10);
    const { body } = await shop.checkout(alice, [[a.id, 4]]).expect(201);

    const canceled = await shop.api.http.post(`/api/v1/checkouts/${body.id}/cancel`).set(alice.auth).expect(200);
    expect(canceled.body.status).toBe('canceled');
    await shop.api.http.post(`/api/v1/checkouts/${body.id}/cancel`).set(alice.auth).expect(200);

    expect(await shop.stockOf(a.id)).toBe(10);
    await shop.complete(alice, body.id).expect(409);
    await shop.api.http
      .put(`/api/v1/checkouts/${body.id}`)
      .set(alice.auth)
      .send({ line_items: [{ product_id: a.id, quantity: 1 }] })
      .expect(409);
  });

  it('completes into a confirmed order once; the same key returns the same order, another key is 409', async () => {
    const a = await shop.product(19.99, 10);
    const { body: checkout } = await shop.checkout(alice, [[a.id, 3]]).expect(201);

    const order = await shop.complete(alice, checkout.id, 'complete-1').expect(201);
    expect(order.body).toMatchObject({
      checkout_id: checkout.id,
      user_id: alice.id,
      status: 'confirmed',
      currency: 'EUR',
      line_items: [{ product_id: a.id, unit_price: 19.99, quantity: 3, total: 59.97 }],
      totals: { subtotal: 59.97, total: 59.97 },
    });
    await shop.complete(alice, checkout.id, 'complete-1').expect(201, order.body);
    const again = await shop.complete(alice, checkout.id, 'complete-2').expect(409);
    expect(again.body.detail).toMatch(/completed/);

    const read = await shop.api.http.get(`/api/v1/checkouts/${checkout.id}`).set(alice.auth).expect(200);
    expect(read.body).toMatchObject({ status: 'completed', order_id: order.body.id });
    expect(await shop.stockOf(a.id)).toBe(7);
  });
});
