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

const get = (who: ActingUser, path: string) => shop.api.http.get(path).set(who.auth);

describe('GET /api/v1/orders', () => {
  it("lists the caller's own orders, newest first, paged; admins see everyone's or one account's", async () => {
    const p = await shop.product(1, 100);
    const first = await shop.order(alice, [[p.id, 1]]);
    const second = await shop.order(alice, [[p.id, 2]]);
    const bobs = await shop.order(bob, [[p.id, 3]]);

    const own = await get(alice, '/api/v1/orders?limit=1').expect(200);
    expect(own.body).toMatchObject({ total: 2, skip: 0, limit: 1, items: [{ id: second.id }] });
    const next = await get(alice, '/api/v1/orders?limit=1&skip=1').expect(200);
    expect(next.body.items.map((o: { id: string }) => o.id)).toEqual([first.id]);

    const all = await get(shop.admin, '/api/v1/orders?limit=100').expect(200);
    expect(all.body.items.map((o: { id: string }) => o.id)).toEqual(expect.arrayContaining([first.id, second.id, bobs.id]));
    const onlyBob = await get(shop.admin, `/api/v1/orders?user_id=${bob.id}`).expect(200);
    expect(onlyBob.body.items.map((o: { id: string }) => o.id)).toEqual([bobs.id]);
    await get(alice, `/api/v1/orders?user_id=${bob.id}`).expect(403);
    const mine = await get(alice, `/api/v1/orders?user_id=${alice.id}`).expect(200);
    expect(mine.body.total).toBe(2);
  });

  it('filters by status and by UTC day, and validates the filters', async () => {
    const buyer = await shop.buyer();
    const p = await shop.product(1, 100);
    const kept = await shop.order(buyer, [[p.id, 1]]);
    const dropped = await shop.order(buyer, [[p.id, 1]]);
    await shop.api.http.post(`/api/v1/orders/${dropped.id}/cancel`).set(buyer.auth).expect(200);
    const today = new Date().toISOString().slice(0, 10);

    const canceled = await get(buyer, '/api/v1/orders?status=canceled').expect(200);
    expect(canceled.body.items.map((o: { id: string }) => o.id)).toEqual([dropped.id]);
    const onToday = await get(buyer, `/api/v1/orders?from=${today}&to=${today}&status=confirmed`).expect(200);
    expect(onToday.body.items.map((o: { id: string }) => o.id)).toEqual([kept.id]);
    const before = await get(buyer, '/api/v1/orders?to=2020-01-01').expect(200);
    expect(before.body.total).toBe(0);
    for (const query of ['status=lost', 'from=2026-13-01', 'from=yesterday', 'limit=101', 'skip=-1', 'user_id=0']) {
      await get(buyer, `/api/v1/orders?${query}`).expect(400);
    }
  });

  it('needs a token', async () => {
    await shop.api.http.get('/api/v1/orders').expect(401);
  });
});

describe('GET /api/v1/orders/:id', () => {
  it('reads back for its owner and admins, and is 404 for anyone else', async () => {
    const p = await shop.product(7.5, 10);
    const order = await shop.order(alice, [[p.id, 2]]);

    await get(alice, `/api/v1/orders/${order.id}`).expect(200, order);
    await get(shop.admin, `/api/v1/orders/${order.id}`).expect(200);
    const hidden = await get(bob, `/api/v1/orders/${order.id}`).expect(404);
    expect(hidden.body.type).toBe('/problems/not-found');
    await get(alice, '/api/v1/orders/00000000-0000-4000-8000-000000000000').expect(404);
    await get(alice, '/api/v1/orders/12').expect(404);
  });
});

describe('POST /api/v1/orders/:id/cancel', () => {
  it('cancels a confirmed order and returns its stock exactly once; a repeat changes nothing', async () => {
    const p = await shop.product(3, 10);
    const order = await shop.order(alice, [[p.id, 4]]);
    expect(await shop.stockOf(p.id)).toBe(6);

    const res = await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(alice.auth).expect(200);
    expect(res.body.status).toBe('canceled');
    const again = await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(alice.auth).expect(200);
    expect(again.body.status).toBe('canceled');
    expect(await shop.stockOf(p.id)).toBe(10);
  });

  it("lets an admin cancel anyone's order, and hides it from other users", async () => {
    const p = await shop.product(3, 10);
    const order = await shop.order(alice, [[p.id, 1]]);

    await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(bob.auth).expect(404);
    await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(shop.admin.auth).expect(200);
    expect(await shop.stockOf(p.id)).toBe(10);
  });

  it('refuses to cancel a shipped order', async () => {
    const p = await shop.product(3, 10);
    const order = await shop.order(alice, [[p.id, 1]]);
    await shop.api.http.patch(`/api/v1/orders/${order.id}/status`).set(shop.admin.auth).send({ status: 'shipped' }).expect(200);

    await shop.api.http.post(`/api/v1/orders/${order.id}/cancel`).set(alice.auth).expect(409);
    expect(await shop.stockOf(p.id)).toBe(9);
  });
});

describe('PATCH /api/v1/orders/:id/status', () => {
  const setStatus = (who: ActingUser, id: string, status: unknown) => shop.api.http.patch(`/api/v1/orders/${id}/status`).set(who.auth).send({ status });

  it('moves an order forward only: confirmed → shipped → delivered', async () => {
    const p = await shop.product(3, 10);
    const order = await shop.order(alice, [[p.id, 1]]);

    await setStatus(shop.admin, order.id, 'delivered').expect(200);
    const back = await setStatus(shop.admin, order.id, 'shipped').expect(409);
    expect(back.body.detail).toMatch(/delivered/);
    await setStatus(shop.admin, order.id, 'delivered').expect(409);

    const other = await shop.order(alice, [[p.id, 1]]);
    await setStatus(shop.admin, other.id, 'shipped')
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('shipped'));
    await setStatus(shop.admin, other.id, 'delivered').expect(200);
  });

  it('is for admins; other statuses are refused before anything changes', async () => {
    const p = await shop.product(3, 10);
    const order = await shop.order(alice, [[p.id, 1]]);

    await setStatus(alice, order.id, 'shipped').expect(403);
    for (const status of ['canceled', 'confirmed', 'lost', 1, null]) await setStatus(shop.admin, order.id, status).expect(400);
    await setStatus(shop.admin, '00000000-0000-4000-8000-000000000000', 'shipped').expect(404);
    await get(alice, `/api/v1/orders/${order.id}`)
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('confirmed'));
  });
});
