import { actingUser, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { ProductsApiModule } from '../src/products-api.module';

let api: TestApp;
let admin: ActingUser;
let user: ActingUser;
const names = (r: { body: { items: { name: string }[] } }) => r.body.items.map((p) => p.name);

beforeAll(async () => {
  api = await startTestApp(ProductsApiModule);
  admin = await actingUser(api, 'admin');
  user = await actingUser(api, 'user');
  const catalog = [
    { name: 'Crème Brûlée Torch', price: 25, stock: 4 },
    { name: 'Espresso Cup', price: 8.5, stock: 0 },
    { name: 'CREME Jug', price: 12, stock: 30 },
    { name: 'French Press', price: 40, stock: 2 },
    { name: 'Tea Kettle', price: 35.99, stock: 15 },
  ];
  for (const p of catalog) await api.http.post('/api/v1/products').set(admin.auth).send(p).expect(201);
  const hidden = await api.http.post('/api/v1/products').set(admin.auth).send({ name: 'Hidden Creme', price: 1, stock: 1 }).expect(201);
  await api.http.delete(`/api/v1/products/${hidden.body.id}`).set(admin.auth).expect(204);
});
afterAll(() => api.close());

describe('GET /api/v1/products', () => {
  it('pages newest first with totals', async () => {
    const first = await api.http.get('/api/v1/products?limit=2').expect(200);
    expect(first.body).toMatchObject({ total: 5, skip: 0, limit: 2 });
    expect(names(first)).toEqual(['Tea Kettle', 'French Press']);
    const last = await api.http.get('/api/v1/products?limit=2&skip=4').expect(200);
    expect(names(last)).toEqual(['Crème Brûlée Torch']);
    const past = await api.http.get('/api/v1/products?skip=50').expect(200);
    expect(past.body).toMatchObject({ items: [], total: 5, skip: 50 });
  });

  it('sorts oldest first with sort=created_at', async () => {
    const res = await api.http.get('/api/v1/products?sort=created_at').expect(200);
    expect(names(res)).toEqual(['Crème Brûlée Torch', 'Espresso Cup', 'CREME Jug', 'French Press', 'Tea Kettle']);
  });

  it('sorts by name ignoring case and accents, not by byte order', async () => {
    const res = await api.http.get('/api/v1/products?sort=name').expect(200);
    expect(names(res)).toEqual(['Crème Brûlée Torch', 'CREME Jug', 'Espresso Cup', 'French Press', 'Tea Kettle']);
  });

  it('searches a substring of the name ignoring case and accents', async () => {
    for (const term of ['creme', 'CRÈME', 'crème']) {
      const res = await api.http.get(`/api/v1/products?search=${encodeURIComponent(term)}&sort=name`).expect(200);
      expect(names(res)).toEqual(['Crème Brûlée Torch', 'CREME Jug']);
    }
    await api.http
      .get('/api/v1/products?search=%25')
      .expect(200)
      .expect((r) => expect(r.body.total).toBe(0));
  });

  it('filters by price and stock, and sorts', async () => {
    const mid = await api.http.get('/api/v1/products?min_price=10&max_price=36&sort=price').expect(200);
    expect(names(mid)).toEqual(['CREME Jug', 'Crème Brûlée Torch', 'Tea Kettle']);
    const out = await api.http.get('/api/v1/products?in_stock=false').expect(200);
    expect(names(out)).toEqual(['Espresso Cup']);
    const available = await api.http.get('/api/v1/products?in_stock=true').expect(200);
    expect(names(available)).toEqual(['Tea Kettle', 'French Press', 'CREME Jug', 'Crème Brûlée Torch']);
    expect(available.body.total).toBe(4);
    const dear = await api.http.get('/api/v1/products?sort=-price&limit=1').expect(200);
    expect(names(dear)).toEqual(['French Press']);
  });

  it('refuses bad filters with 400', async () => {
    for (const q of ['limit=101', 'limit=0', 'skip=-1', 'sort=random', 'min_price=abc', 'in_stock=perhaps', 'min_price=50&max_price=10', 'colour=red']) {
      await api.http.get(`/api/v1/products?${q}`).expect(400);
    }
  });

  it('shows inactive products only to admins who ask', async () => {
    const all = await api.http.get('/api/v1/products?limit=100').set(admin.auth).expect(200);
    expect(all.body.total).toBe(6);
    const inactive = await api.http.get('/api/v1/products?is_active=false').set(admin.auth).expect(200);
    expect(names(inactive)).toEqual(['Hidden Creme']);
    const active = await api.http.get('/api/v1/products?is_active=true&limit=100').set(admin.auth).expect(200);
    expect(active.body.total).toBe(5);
    expect(names(active)).not.toContain('Hidden Creme');
    await api.http.get('/api/v1/products?is_active=false').set(user.auth).expect(403);
    await api.http.get('/api/v1/products?is_active=false').expect(401);
    const publicView = await api.http.get('/api/v1/products?search=creme').expect(200);
    expect(names(publicView)).not.toContain('Hidden Creme');
  });
});

describe('admin reports', () => {
  it('lists active products under a threshold, lowest first', async () => {
    const res = await api.http.get('/api/v1/products/low-stock?threshold=5').set(admin.auth).expect(200);
    expect(names(res)).toEqual(['Espresso Cup', 'French Press', 'Crème Brûlée Torch']);
    expect(res.body).toMatchObject({ total: 3, threshold: 5 });
    const byDefault = await api.http.get('/api/v1/products/low-stock').set(admin.auth).expect(200);
    expect(byDefault.body.threshold).toBe(10);
    await api.http.get('/api/v1/products/low-stock').set(user.auth).expect(403);
    await api.http.get('/api/v1/products/low-stock?threshold=-1').set(admin.auth).expect(400);
  });

  it('pages the low-stock report with the total of all pages', async () => {
    const first = await api.http.get('/api/v1/products/low-stock?threshold=5&limit=2').set(admin.auth).expect(200);
    expect(first.body).toMatchObject({ total: 3, skip: 0, limit: 2 });
    expect(names(first)).toEqual(['Espresso Cup', 'French Press']);
    const second = await api.http.get('/api/v1/products/low-stock?threshold=5&limit=2&skip=2').set(admin.auth).expect(200);
    expect(second.body).toMatchObject({ total: 3, skip: 2, limit: 2 });
    expect(names(second)).toEqual(['Crème Brûlée Torch']);
    const past = await api.http.get('/api/v1/products/low-stock?threshold=5&skip=10').set(admin.auth).expect(200);
    expect(past.body).toMatchObject({ items: [], total: 3, skip: 10 });
  });

  it('sums the catalog', async () => {
    const res = await api.http.get('/api/v1/products/stats').set(admin.auth).expect(200);
    expect(res.body).toEqual({ active_products: 5, inactive_products: 1, total_stock_units: 51, stock_value: 25 * 4 + 12 * 30 + 40 * 2 + 35.99 * 15 });
    await api.http.get('/api/v1/products/stats').set(user.auth).expect(403);
    await api.http.get('/api/v1/products/stats').expect(401);
  });
});

describe('a catalog larger than one page', () => {
  let big: TestApp;
  // Byte order would put "LAMP" and "Lamp" before "banana" and "éclair" after "zebra"; the three lamps tie once folded.
  const alphabetical = ['Apple Tray', 'banana Hook', 'éclair Mould', 'Lamp', 'lamp', 'LAMP', ...fillers(16), 'zebra Stand'];

  beforeAll(async () => {
    big = await startTestApp(ProductsApiModule);
    const bigAdmin = await actingUser(big, 'admin');
    for (const name of ['zebra Stand', 'Lamp', 'éclair Mould', 'lamp', 'Apple Tray', ...fillers(16), 'LAMP', 'banana Hook']) {
      await big.http.post('/api/v1/products').set(bigAdmin.auth).send({ name, price: 5, stock: 1 }).expect(201);
    }
  });
  afterAll(() => big.close());

  it('answers 20 products per page when no limit is given', async () => {
    const res = await big.http.get('/api/v1/products').expect(200);
    expect(res.body).toMatchObject({ total: 23, skip: 0, limit: 20 });
    expect(res.body.items).toHaveLength(20);
  });

  it('pages through the name order without gaps or repeats, ties broken by creation', async () => {
    const seen: string[] = [];
    for (let skip = 0; skip < 23; skip += 5) {
      const page = await big.http.get(`/api/v1/products?sort=name&limit=5&skip=${skip}`).expect(200);
      expect(page.body.total).toBe(23);
      seen.push(...names(page));
    }
    expect(seen).toEqual(alphabetical);
  });
});

function fillers(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Widget ${String(i + 1).padStart(2, '0')}`);
}
