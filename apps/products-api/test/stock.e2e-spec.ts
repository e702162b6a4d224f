import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { DataSource } from 'typeorm';
import { ProductsApiModule } from '../src/products-api.module';

let api: TestApp;
let admin: ActingUser;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule, { env: { DATABASE_POOL_SIZE: '10' } });
  admin = await actingUser(api, 'admin');
});
afterAll(() => api.close());

const newProduct = async (body: object) => (await api.http.post('/api/v1/products').set(admin.auth).send(body).expect(201)).body;
const adjust = (id: number, quantity: unknown) => api.http.patch(`/api/v1/products/${id}/stock`).set(admin.auth).send({ quantity });

describe('PATCH /api/v1/products/:id/stock', () => {
  it('adds and removes stock', async () => {
    const p = await newProduct({ name: 'Mug', price: 6, stock: 10 });
    await adjust(p.id, 5)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(15));
    await adjust(p.id, -15)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(0));
  });

  it('refuses to take stock below zero with 409 naming the current stock, and leaves it unchanged', async () => {
    const p = await newProduct({ name: 'Lamp', price: 10, stock: 2 });
    const res = await adjust(p.id, -3).expect(409);
    expect(res.body).toMatchObject({ type: '/problems/insufficient-stock', status: 409, stock: 2, requested: -3, product_id: p.id });
    await api.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(2));
  });

  it('refuses with 409, not a database error, to take stock past what the stock column holds', async () => {
    const p = await newProduct({ name: 'Pallet', price: 1, stock: 2_000_000_000 });
    // Set past what one create allows, as years of deliveries could: 2,147,483,642 units.
    await api.app.get(DataSource).query('UPDATE products SET stock = 2147483642 WHERE id = $1', [p.id]);
    const res = await adjust(p.id, 6).expect(409);
    expect(res.body).toMatchObject({ type: '/problems/conflict', status: 409, field: 'quantity' });
    await api.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(2_147_483_642));
    await adjust(p.id, 5)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(2_147_483_647));
  });

  it('refuses zero, fractions and missing quantities', async () => {
    const p = await newProduct({ name: 'Bowl', price: 3 });
    for (const quantity of [0, 1.5, '2', null]) await adjust(p.id, quantity).expect(400);
    await adjust(999999, 1).expect(404);
    await api.http.patch(`/api/v1/products/${p.id}/stock`).send({ quantity: 1 }).expect(401);
  });

  it('loses no update when 200 mixed +1/-1 changes race', async () => {
    const p = await newProduct({ name: 'Racing Stock', price: 1, stock: 50 });
    const deltas = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? -1 : 1));
    const results = await Promise.all(deltas.map((d) => adjust(p.id, d)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const expected = 50 + deltas.reduce((a, b) => a + b, 0);
    await api.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(expected));
  });

  it('never goes below zero when removals race for the last units', async () => {
    const p = await newProduct({ name: 'Last Units', price: 1, stock: 5 });
    const results = await Promise.all(Array.from({ length: 20 }, () => adjust(p.id, -1)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(results.filter((r) => r.status === 409)).toHaveLength(15);
    await api.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(0));
  });
});

describe('slugs under concurrency', () => {
  it('gives 50 products created at once with one name 50 distinct slugs', async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, () => api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Popular Thing', price: 9 })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const slugs = new Set(results.map((r) => r.body.slug));
    expect(slugs.size).toBe(50);
    expect(slugs).toContain('popular-thing');
    expect(slugs).toContain('popular-thing-49');
  });
});
