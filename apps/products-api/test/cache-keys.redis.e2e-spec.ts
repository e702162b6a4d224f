import type { Redis } from '@mercato/redis';
import { REDIS } from '@mercato/server';
import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

describe('the Redis keys products-api creates', () => {
  let api: TestApp;
  let admin: ActingUser;
  let redis: Redis;
  let prefix: string;
  beforeAll(async () => {
    api = await startTestApp(ProductsApiModule);
    admin = await actingUser(api, 'admin');
    redis = api.app.get<Redis>(REDIS);
    prefix = api.env['REDIS_KEY_PREFIX'];
  }, 60_000);
  afterAll(async () => {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*` })) for (const key of [keys].flat()) await redis.del(key);
    await api.close();
  });

  async function keysWithTtl(): Promise<[string, number][]> {
    const found: [string, number][] = [];
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      for (const key of [keys].flat()) found.push([key.slice(prefix.length), await redis.ttl(key)]);
    }
    return found;
  }
  const listKeys = async () => (await keysWithTtl()).filter(([key]) => key.startsWith('list:')).map(([key]) => key);
  const settle = () => new Promise((r) => setTimeout(r, 100)); // cache writes are fire-and-forget

  it('stores one list page for every spelling of the same query, and none for a refused one', async () => {
    await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Brass Lamp', price: 30 }).expect(201);
    const firstPage = ['/api/v1/products', '/api/v1/products?limit=20&skip=0', '/api/v1/products?skip=0&limit=20', '/api/v1/products?sort=-created_at&skip=0'];
    const lampSearch = ['/api/v1/products?search=lamp&limit=5', '/api/v1/products?limit=5&search=%20LAMP%20', '/api/v1/products?search=l%C3%A1mp&limit=05'];
    for (const url of [...firstPage, ...lampSearch]) {
      await api.http.get(url).expect(200);
      await settle();
    }
    await api.http.get('/api/v1/products?limit=20&skip=0&page=3').expect(400);
    await settle();
    expect(await listKeys()).toHaveLength(2);
  });

  it('gives every key it creates a time to live: entries, versions, after reads, misses and writes', async () => {
    const { body: p } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Oak Shelf', price: 50, stock: 3 }).expect(201);
    await api.http.get(`/api/v1/products/${p.id}`).expect(200);
    await api.http.get(`/api/v1/products/slug/${p.slug}`).expect(200);
    await api.http.get('/api/v1/products/999999').expect(404);
    await api.http.get('/api/v1/products?search=shelf').expect(200);
    await api.http.patch(`/api/v1/products/${p.id}/stock`).set(admin.auth).send({ quantity: 2 }).expect(200);
    await api.http.get(`/api/v1/products/${p.id}`).expect(200);
    await api.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ price: 55 }).expect(200);
    await api.http.delete(`/api/v1/products/${p.id}`).set(admin.auth).expect(204);
    await settle();

    const keys = await keysWithTtl();
    expect(keys.map(([key]) => key)).toEqual(expect.arrayContaining(['catalog:ver', `product:${p.id}:ver`]));
    expect(keys.filter(([, ttl]) => ttl <= 0)).toEqual([]);
  });
});
