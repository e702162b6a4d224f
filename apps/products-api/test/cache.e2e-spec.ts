import { DataSource } from 'typeorm';
import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

const redisUrl = process.env['REDIS_URL'];

describe('two products-api instances over one database and one Redis', () => {
  let a: TestApp;
  let b: TestApp;
  let admin: ActingUser;
  beforeAll(async () => {
    a = await startTestApp(ProductsApiModule);
    b = await startTestApp(ProductsApiModule, { database: a.database, env: { REDIS_KEY_PREFIX: a.env['REDIS_KEY_PREFIX'] } });
    admin = await actingUser(a, 'admin');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('never serves a stale read after a write made through the other instance', async () => {
    const { body: p } = await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Shared Shelf', price: 10, stock: 5 }).expect(201);
    // warm both caches
    await a.http.get(`/api/v1/products/${p.id}`).expect(200);
    await b.http.get(`/api/v1/products/${p.id}`).expect(200);
    await b.http.get('/api/v1/products?search=shelf').expect(200);
    await a.http.patch(`/api/v1/products/${p.id}/stock`).set(admin.auth).send({ quantity: 3 }).expect(200);
    await b.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(8));
    await b.http
      .get(`/api/v1/products/slug/${p.slug}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(8));
    await b.http
      .get('/api/v1/products?search=shelf')
      .expect(200)
      .expect((r) => expect(r.body.items[0].stock).toBe(8));
    await a.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ price: 12.5 }).expect(200);
    await b.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.price).toBe(12.5));
    await a.http.delete(`/api/v1/products/${p.id}`).set(admin.auth).expect(204);
    await b.http.get(`/api/v1/products/${p.id}`).expect(404);
    await b.http
      .get('/api/v1/products?search=shelf')
      .expect(200)
      .expect((r) => expect(r.body.total).toBe(0));
  });

  it("shows a product created through one instance in the other instance's cached list at once", async () => {
    await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Walnut Bookend', price: 20 }).expect(201);
    // warm the same list page on both instances
    await a.http
      .get('/api/v1/products?search=bookend')
      .expect(200)
      .expect((r) => expect(r.body.total).toBe(1));
    await b.http
      .get('/api/v1/products?search=bookend')
      .expect(200)
      .expect((r) => expect(r.body.total).toBe(1));
    await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Marble Bookend', price: 30 }).expect(201);
    const after = await b.http.get('/api/v1/products?search=bookend').expect(200);
    expect(after.body.total).toBe(2);
    expect(after.body.items.map((p: { name: string }) => p.name)).toContain('Marble Bookend');
  });

  it('answers a page from the cache with the very bytes, type and ETag it answered from the database', async () => {
    await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Crème Jug «Ø»', price: 12.5 }).expect(201);
    const fromDatabase = await a.http.get('/api/v1/products?search=jug').expect(200);
    const fromCache = await b.http.get('/api/v1/products?search=jug').expect(200);
    expect(fromDatabase.body.items.map((p: { name: string }) => p.name)).toEqual(['Crème Jug «Ø»']);
    expect(fromCache.text).toBe(fromDatabase.text);
    expect(fromCache.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(fromCache.headers['content-type']).toBe(fromDatabase.headers['content-type']);
    expect(fromCache.headers['content-length']).toBe(String(Buffer.byteLength(fromDatabase.text)));
    expect(fromCache.headers['etag']).toBe(fromDatabase.headers['etag']);
  });

  it(redisUrl ? 'serves repeated reads from Redis, not the database' : 'reads the database every time without Redis', async () => {
    const { body: p } = await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Cached Vase', price: 10 }).expect(201);
    await a.http.get(`/api/v1/products/${p.id}`).expect(200);
    // change the row behind the service's back: only a cache can still answer with the old name
    await a.app.get(DataSource).query(`UPDATE products SET name = 'Changed Behind The Cache' WHERE id = $1`, [p.id]);
    const again = await b.http.get(`/api/v1/products/${p.id}`).expect(200);
    expect(again.body.name).toBe(redisUrl ? 'Cached Vase' : 'Changed Behind The Cache');
  });

  it('answers If-None-Match with 304 until the product changes', async () => {
    const { body: p } = await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Tagged Tray', price: 10, stock: 1 }).expect(201);
    const first = await a.http.get(`/api/v1/products/${p.id}`).expect(200);
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    await b.http.get(`/api/v1/products/${p.id}`).set('If-None-Match', etag).expect(304);
    await a.http.patch(`/api/v1/products/${p.id}/stock`).set(admin.auth).send({ quantity: 1 }).expect(200);
    const changed = await b.http.get(`/api/v1/products/${p.id}`).set('If-None-Match', etag).expect(200);
    expect(changed.headers['etag']).not.toBe(etag);
  });

  it('answers If-None-Match on the slug route with 304 until the product changes', async () => {
    const { body: p } = await a.http.post('/api/v1/products').set(admin.auth).send({ name: 'Tagged Tumbler', price: 10, stock: 1 }).expect(201);
    const first = await a.http.get(`/api/v1/products/slug/${p.slug}`).expect(200);
    const etag = first.headers['etag'];
    expect(etag).toBeTruthy();
    const unchanged = await b.http.get(`/api/v1/products/slug/${p.slug}`).set('If-None-Match', etag).expect(304);
    expect(unchanged.text).toBeFalsy();
    await a.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ price: 11 }).expect(200);
    const changed = await b.http.get(`/api/v1/products/slug/${p.slug}`).set('If-None-Match', etag).expect(200);
    expect(changed.body.price).toBe(11);
    expect(changed.headers['etag']).not.toBe(etag);
  });
});

describe('Redis unreachable', () => {
  let api: TestApp;
  beforeAll(async () => {
    api = await startTestApp(ProductsApiModule, { env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(() => api.close());

  it('serves reads and writes from the database and reports Redis as degraded', async () => {
    const admin = await actingUser(api, 'admin');
    const { body: p } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Sturdy Stool', price: 15, stock: 2 }).expect(201);
    await api.http.get(`/api/v1/products/${p.id}`).expect(200);
    await api.http.patch(`/api/v1/products/${p.id}/stock`).set(admin.auth).send({ quantity: -1 }).expect(200);
    await api.http
      .get(`/api/v1/products/${p.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(1));
    await api.http
      .get('/api/v1/products?search=stool')
      .expect(200)
      .expect((r) => expect(r.body.total).toBe(1));
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.info.redis.mode).toBe('degraded');
  });
});
