import { UsersRepository } from '@mercato/core';
import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

let api: TestApp;
let admin: ActingUser;
let user: ActingUser;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
  admin = await actingUser(api, 'admin');
  user = await actingUser(api, 'user');
});
afterAll(() => api.close());

const create = (body: object) => api.http.post('/api/v1/products').set(admin.auth).send(body);

describe('creating and reading products', () => {
  it('creates a product with a slug from its name, accents folded', async () => {
    const res = await create({ name: '  Café Crème  ', price: 4.5, stock: 3, description: 'Smooth', metadata: { origin: 'FR' } }).expect(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      name: 'Café Crème',
      slug: 'cafe-creme',
      description: 'Smooth',
      price: 4.5,
      stock: 3,
      is_active: true,
      metadata: { origin: 'FR' },
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    await api.http
      .get(`/api/v1/products/${res.body.id}`)
      .expect(200)
      .expect((r) => expect(r.body.slug).toBe('cafe-creme'));
    await api.http
      .get('/api/v1/products/slug/cafe-creme')
      .expect(200)
      .expect((r) => expect(r.body.id).toBe(res.body.id));
  });

  it('suffixes -1, -2 … when a slug is taken', async () => {
    const slugs = [];
    for (let i = 0; i < 3; i++) slugs.push((await create({ name: 'Desk Lamp', price: 20 }).expect(201)).body.slug);
    expect(slugs).toEqual(['desk-lamp', 'desk-lamp-1', 'desk-lamp-2']);
  });

  it('refuses bad input with 400 naming every field', async () => {
    const res = await create({ name: '   ', price: 1.999, stock: -1, description: 'x'.repeat(5001), metadata: [1], color: 'red' }).expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['color', 'description', 'metadata', 'name', 'price', 'stock']);
    await create({ name: 'Free', price: 0 }).expect(400);
    await create({ name: 'x'.repeat(201), price: 1 }).expect(400);
    await create({ name: 'Heavy', price: 1, metadata: { blob: 'x'.repeat(17 * 1024) } }).expect(400);
    await create({ name: 'Stringly', price: '12' }).expect(400);
    await create({ name: 'Nullish', price: 1, stock: null }).expect(400);
  });

  it('keeps writes to admins: 401 without a token, 403 for users', async () => {
    await api.http.post('/api/v1/products').send({ name: 'Nope', price: 1 }).expect(401);
    const res = await api.http.post('/api/v1/products').set(user.auth).send({ name: 'Nope', price: 1 }).expect(403);
    expect(res.body.type).toBe('/problems/forbidden');
  });

  it('answers 404 for unknown ids and slugs, 400 for malformed ids', async () => {
    await api.http.get('/api/v1/products/999999').expect(404);
    await api.http.get('/api/v1/products/slug/no-such-thing').expect(404);
    await api.http.get('/api/v1/products/abc').expect(400);
  });

  it("refuses a deactivated user's token at once", async () => {
    const gone = await actingUser(api, 'admin');
    await api.http.get('/api/v1/products/stats').set(gone.auth).expect(200);
    await api.app.get(UsersRepository).deactivateKeepingAnAdmin(gone.id);
    await api.http.get('/api/v1/products/stats').set(gone.auth).expect(401);
  });
});

describe('updating and deactivating', () => {
  it('updates only the fields sent and regenerates the slug on a new name', async () => {
    const { body: p } = await create({ name: 'Old Chair', price: 50, stock: 5, description: 'wood' }).expect(201);
    const res = await api.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ name: 'Nouvelle Chaise', price: 55.25 }).expect(200);
    expect(res.body).toMatchObject({ name: 'Nouvelle Chaise', slug: 'nouvelle-chaise', price: 55.25, stock: 5, description: 'wood' });
    await api.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ stock: 100 }).expect(400);
    await api.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ name: null }).expect(400);
    await api.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ price: null }).expect(400);
    await api.http
      .put(`/api/v1/products/${p.id}`)
      .set(admin.auth)
      .send({ description: null })
      .expect(200)
      .expect((r) => expect(r.body.description).toBeNull());
    await api.http.put(`/api/v1/products/${p.id}`).set(admin.auth).send({ is_active: false }).expect(400);
    await api.http.put('/api/v1/products/999999').set(admin.auth).send({ price: 1 }).expect(404);
    await api.http.put(`/api/v1/products/${p.id}`).set(user.auth).send({ price: 1 }).expect(403);
  });

  it('soft-deletes: 204, then 404 for the public and still visible to admins', async () => {
    const { body: p } = await create({ name: 'Discontinued Kettle', price: 30 }).expect(201);
    await api.http.delete(`/api/v1/products/${p.id}`).set(user.auth).expect(403);
    await api.http.delete(`/api/v1/products/${p.id}`).set(admin.auth).expect(204);
    await api.http.get(`/api/v1/products/${p.id}`).expect(404);
    await api.http.get(`/api/v1/products/${p.id}`).set(user.auth).expect(404);
    await api.http.get(`/api/v1/products/slug/${p.slug}`).expect(404);
    await api.http
      .get(`/api/v1/products/${p.id}`)
      .set(admin.auth)
      .expect(200)
      .expect((r) => expect(r.body.is_active).toBe(false));
    await api.http.patch(`/api/v1/products/${p.id}/stock`).set(admin.auth).send({ quantity: 1 }).expect(404);
    await api.http.delete('/api/v1/products/999999').set(admin.auth).expect(404);
  });
});
