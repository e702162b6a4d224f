import { actingUser, freshToken, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

let api: TestApp;
let admin: ActingUser;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
  admin = await actingUser(api, 'admin');
});
afterAll(() => api.close());

const scoped = (scope: string) => freshToken(api, admin.id, { scope });

describe('a token narrowed by scopes', () => {
  it('lets an admin token with catalog:read read the low-stock report, and refuses it a new product with a scope challenge', async () => {
    const reader = await scoped('catalog:read');
    const { body: lamp } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Scoped Lamp', price: 10, stock: 1 }).expect(201);
    const low = await api.http.get('/api/v1/products/low-stock?threshold=2&limit=100').set(reader.auth).expect(200);
    expect(low.body.items.map((p: { id: number }) => p.id)).toContain(lamp.id);
    await api.http.get('/api/v1/products/stats').set(reader.auth).expect(200);

    const refused = await api.http.post('/api/v1/products').set(reader.auth).send({ name: 'Not Made', price: 5 }).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="catalog:read catalog:write"');
    expect(refused.body).toMatchObject({ type: '/problems/insufficient-scope', status: 403, scope: 'catalog:write', instance: '/api/v1/products' });
    await api.http.patch(`/api/v1/products/${lamp.id}/stock`).set(reader.auth).send({ quantity: 5 }).expect(403);
    await api.http
      .get(`/api/v1/products/${lamp.id}`)
      .expect(200)
      .expect((r) => expect(r.body.stock).toBe(1));
    await api.http.get('/api/v1/products?search=Not%20Made').expect((r) => expect(r.body.total).toBe(0));
  });

  it('keeps the full role for a token without a scope claim, and for one whose extra scopes this service does not know', async () => {
    await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Full Role Desk', price: 50 }).expect(201);
    const withUnknown = await scoped('openid orders:read catalog:write');
    await api.http.post('/api/v1/products').set(withUnknown.auth).send({ name: 'Newer Issuer Desk', price: 50 }).expect(201);
    // Unknown scopes grant nothing: the reads stay out of reach without catalog:read.
    const res = await api.http.get('/api/v1/products/stats').set(withUnknown.auth).expect(403);
    expect(res.body.scope).toBe('catalog:read');
  });

  it('needs no scope for the public catalog; an admin without catalog:read sees it as the public does and is challenged for inactive products', async () => {
    const { body: retired } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Retired Stool', price: 9 }).expect(201);
    const { body: active } = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Active Stool', price: 9 }).expect(201);
    await api.http.delete(`/api/v1/products/${retired.id}`).set(admin.auth).expect(204);
    const nothing = await scoped('');
    await api.http.get(`/api/v1/products/${active.id}`).set(nothing.auth).expect(200);
    await api.http.get('/api/v1/products/slug/active-stool').set(nothing.auth).expect(200);
    await api.http.get(`/api/v1/products/${retired.id}`).set(nothing.auth).expect(404);
    await api.http.get(`/api/v1/products/${retired.id}`).set(admin.auth).expect(200);

    const inactive = await api.http.get('/api/v1/products?is_active=false').set(nothing.auth).expect(403);
    expect(inactive.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="catalog:read"');
    const reader = await scoped('catalog:read');
    const listed = await api.http.get('/api/v1/products?is_active=false&limit=100').set(reader.auth).expect(200);
    expect(listed.body.items.map((p: { id: number }) => p.id)).toContain(retired.id);
  });
});
