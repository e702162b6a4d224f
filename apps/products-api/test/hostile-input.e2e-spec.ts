import { actingUser, probeRestOperations, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

let api: TestApp;
let admin: ActingUser;
let productId: number;
beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
  admin = await actingUser(api, 'admin');
  productId = (
    await api.http
      .post('/api/v1/products')
      .set(admin.auth)
      .send({ name: 'Probe Lamp', price: 10, stock: 5, metadata: { a: 1 } })
      .expect(201)
  ).body.id;
}, 60_000);
afterAll(() => api.close());

const create = (body: object) => api.http.post('/api/v1/products').set(admin.auth).send(body);

describe('hostile input on every products-api route', () => {
  it('never answers 5xx, refuses text PostgreSQL cannot store, and leaves stored rows unchanged', async () => {
    const failures = await probeRestOperations(api, {
      headers: admin.auth,
      pathParams: { id: String(productId), slug: 'probe-lamp' },
      bodies: {
        'POST /api/v1/products': { name: 'Probe Chair', price: 20, stock: 1, description: 'A chair', metadata: { colour: 'red' } },
        'PUT /api/v1/products/{id}': { description: 'Bright' },
        'PATCH /api/v1/products/{id}/stock': { quantity: 1 },
      },
    });
    expect(failures).toEqual([]);
  }, 600_000);

  it('names the field a NUL byte or a lone surrogate was sent in, wherever it hides', async () => {
    const cases: [string, () => Promise<{ status: number; body: { errors?: { field: string }[] } }>][] = [
      ['search', () => api.http.get('/api/v1/products?search=lamp%00')],
      ['slug', () => api.http.get('/api/v1/products/slug/probe%00lamp')],
      ['name', () => create({ name: 'Lamp\u0000', price: 1 })],
      ['description', () => create({ name: 'Lamp', price: 1, description: 'bright\ud800' })],
      ['metadata.colour', () => create({ name: 'Lamp', price: 1, metadata: { colour: 'r\u0000ed' } })],
      ['metadata', () => create({ name: 'Lamp', price: 1, metadata: { 'col\u0000our': 'red' } })],
      ['metadata.tags.0', () => create({ name: 'Lamp', price: 1, metadata: { tags: ['\udc00'] } })],
    ];
    for (const [field, send] of cases) {
      const res = await send();
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
    }
  });

  it('refuses numbers beyond what PostgreSQL takes with 400 on every numeric parameter', async () => {
    const queries = ['skip=1e21', 'limit=1e21', 'min_price=1e309', 'max_price=1e21', 'skip=9007199254740993'];
    for (const query of queries) await api.http.get(`/api/v1/products?${query}`).expect(400);
    await api.http.get('/api/v1/products/low-stock?threshold=1e21').set(admin.auth).expect(400);
    for (const id of ['1e21', '2147483648', '99999999999999999999', '-1']) await api.http.get(`/api/v1/products/${id}`).expect(400);
  });

  it('refuses metadata nested deeper than any real document, and keeps the product as it was', async () => {
    const { id } = (await create({ name: 'Deep Shelf', price: 3, metadata: { a: 1 } }).expect(201)).body;
    const deep = JSON.parse(`${'{"a":'.repeat(30)}1${'}'.repeat(30)}`);
    const res = await api.http.put(`/api/v1/products/${id}`).set(admin.auth).send({ metadata: deep }).expect(400);
    expect(res.body.errors[0].rule).toBe('maxDepth');
    await api.http
      .get(`/api/v1/products/${id}`)
      .expect(200)
      .expect((r) => expect(r.body.metadata).toEqual({ a: 1 }));
  });
});
