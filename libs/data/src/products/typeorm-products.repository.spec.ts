import { foldForSearch, MAX_STOCK, type NewProduct, type ProductFilter, slugOf } from '@mercato/core';
import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';

let setup: RepositoryDatabase;
let products: RepositoryDatabase['products'];

beforeAll(async () => {
  setup = await repositoryDatabase();
  ({ products } = setup);
});
afterAll(() => setup.close());
// Totals, orders and slugs are about the whole table, so each test starts from an empty catalog.
beforeEach(() => setup.db.query('TRUNCATE products RESTART IDENTITY'));

const add = (name: string, fields: Partial<NewProduct> = {}) =>
  products.insert({ name, description: null, price: 10, stock: 5, metadata: null, ...fields }, slugOf(name));
const list = (filter: Partial<ProductFilter> = {}) => products.list({ sort: 'created_at', skip: 0, limit: 20, ...filter });
const names = async (filter: Partial<ProductFilter> = {}) => (await list(filter)).items.map((p) => p.name);
const count = async (sql: string) => (await setup.db.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM products WHERE ${sql}`))[0].n;

describe('TypeormProductsRepository constraints', () => {
  it('gives one name its base slug, then -1, -2 …, also skipping a suffix another name holds', async () => {
    await add('Lamp 1');
    const slugs = [];
    for (const name of ['Lamp', 'lamp', 'LAMP']) slugs.push((await add(name)).slug);
    expect(slugs).toEqual(['lamp', 'lamp-2', 'lamp-3']);
  });

  it('gives concurrent creates of one name distinct slugs', async () => {
    const created = await Promise.all(Array.from({ length: 10 }, () => add('Chair')));
    expect(new Set(created.map((p) => p.slug))).toEqual(new Set(['chair', ...Array.from({ length: 9 }, (_, i) => `chair-${i + 1}`)]));
  });

  it('refuses a duplicate slug even when written around the repository', async () => {
    await add('Lamp');
    await expect(setup.db.query(`INSERT INTO products (name, name_search, slug, price) VALUES ('Other', 'other', 'lamp', 1)`)).rejects.toMatchObject({
      driverError: { code: '23505', constraint: 'uq_products_slug' },
    });
  });

  it('refuses a price of zero or below, a price past numeric(12,2) and negative stock, storing nothing', async () => {
    await expect(add('Free', { price: 0 })).rejects.toThrow(/products_price_check/);
    await expect(add('Owed', { price: -1 })).rejects.toThrow(/products_price_check/);
    await expect(add('Priceless', { price: 10_000_000_000 })).rejects.toThrow(/numeric field overflow/);
    await expect(add('Short', { stock: -1 })).rejects.toThrow(/products_stock_check/);
    expect(await count('true')).toBe(0);
  });

  it('reads money back exactly, as a number, by id and by slug', async () => {
    const p = await add('Pen', { price: 9_999_999_999.99 });
    await expect(products.findById(p.id)).resolves.toMatchObject({ price: 9_999_999_999.99, slug: 'pen', isActive: true });
    await expect(products.findBySlug('pen')).resolves.toMatchObject({ id: p.id, price: 9_999_999_999.99 });
    await expect(products.findBySlug('nope')).resolves.toBeNull();
  });
});

describe('TypeormProductsRepository changes', () => {
  it('updates only the fields given, refolding the searchable name and keeping or freeing the slug', async () => {
    await add('Desk');
    const lamp = await add('Lamp', { description: 'Warm', price: 20 });
    await expect(products.update(lamp.id, { price: 25 })).resolves.toMatchObject({ name: 'Lamp', slug: 'lamp', description: 'Warm', price: 25 });
    await expect(products.update(lamp.id, { name: 'LAMP' }, 'lamp')).resolves.toMatchObject({ slug: 'lamp' });
    await expect(products.update(lamp.id, { name: 'Désk' }, slugOf('Désk'))).resolves.toMatchObject({ slug: 'desk-1', price: 25 });
    expect(await names({ search: 'desk' })).toEqual(['Desk', 'Désk']);
    await expect(products.update(999, { price: 1 })).resolves.toBeNull();
    await expect(products.update(999, { name: 'Ghost' }, 'ghost')).resolves.toBeNull();
  });

  it('deactivates without deleting, and answers null for an unknown product', async () => {
    const lamp = await add('Lamp');
    await expect(products.deactivate(lamp.id)).resolves.toMatchObject({ id: lamp.id, isActive: false });
    await expect(products.findById(lamp.id)).resolves.toMatchObject({ isActive: false });
    await expect(products.deactivate(999)).resolves.toBeNull();
  });
});

describe('TypeormProductsRepository stock', () => {
  it('loses no update when increments and decrements race', async () => {
    const lamp = await add('Lamp', { stock: 50 });
    const changes = Array.from({ length: 100 }, (_, i) => products.adjustStock(lamp.id, i % 2 ? 1 : -1));
    expect((await Promise.all(changes)).every(Boolean)).toBe(true);
    await expect(products.findById(lamp.id)).resolves.toMatchObject({ stock: 50 });
  });

  it('lets removals racing for the last units take exactly what there is', async () => {
    const lamp = await add('Lamp', { stock: 5 });
    const outcomes = await Promise.all(Array.from({ length: 12 }, () => products.adjustStock(lamp.id, -1)));
    expect(outcomes.filter(Boolean)).toHaveLength(5);
    await expect(products.findById(lamp.id)).resolves.toMatchObject({ stock: 0 });
  });

  it('changes nothing when stock would go below zero, or the product is inactive or unknown', async () => {
    const lamp = await add('Lamp', { stock: 2 });
    const retired = await add('Retired', { stock: 2 });
    await products.deactivate(retired.id);
    await expect(products.adjustStock(lamp.id, -3)).resolves.toBeNull();
    await expect(products.adjustStock(retired.id, 1)).resolves.toBeNull();
    await expect(products.adjustStock(999, 1)).resolves.toBeNull();
    expect(await count('stock = 2')).toBe(2);
  });

  it('applies no adjustment that would take stock past the integer column, instead of failing on it', async () => {
    const pallet = await add('Pallet', { stock: MAX_STOCK - 10 });
    await expect(products.adjustStock(pallet.id, 11)).resolves.toBeNull();
    expect((await products.findById(pallet.id))?.stock).toBe(MAX_STOCK - 10);
    await expect(products.adjustStock(pallet.id, 10)).resolves.toMatchObject({ stock: MAX_STOCK });
  });

  it('moves updated_at with a stock change', async () => {
    const lamp = await add('Lamp', { stock: 2 });
    const changed = await products.adjustStock(lamp.id, 1);
    expect(changed?.stock).toBe(3);
    expect(changed?.updatedAt.getTime()).toBeGreaterThan(lamp.updatedAt.getTime());
  });
});

describe('TypeormProductsRepository lists', () => {
  it('filters by activity, an inclusive price range and stock', async () => {
    await add('Pen', { price: 2, stock: 0 });
    await add('Lamp', { price: 30 });
    await add('Chair', { price: 80 });
    await products.deactivate((await add('Old Chair', { price: 80 })).id);
    expect(await names()).toEqual(['Pen', 'Lamp', 'Chair', 'Old Chair']);
    expect(await names({ isActive: true })).toEqual(['Pen', 'Lamp', 'Chair']);
    expect(await names({ isActive: false })).toEqual(['Old Chair']);
    expect(await names({ minPrice: 2, maxPrice: 30 })).toEqual(['Pen', 'Lamp']);
    expect(await names({ inStock: true, maxPrice: 79.99 })).toEqual(['Lamp']);
    expect(await names({ inStock: false })).toEqual(['Pen']);
  });

  it('searches the folded name for a substring, treating % and _ literally', async () => {
    for (const name of ['Crème Brûlée', 'Creme Caramel', '100% Cotton', '100 Cotton', 'snake_case', 'snakeXcase']) await add(name);
    expect(await names({ search: foldForSearch('CRÈME') })).toEqual(['Crème Brûlée', 'Creme Caramel']);
    expect(await names({ search: 'brulee' })).toEqual(['Crème Brûlée']);
    expect(await names({ search: '0% c' })).toEqual(['100% Cotton']);
    expect(await names({ search: 'e_c' })).toEqual(['snake_case']);
  });

  it('sorts by name as a shopper reads it, not in byte order', async () => {
    for (const name of ['Zebra', 'éclair', 'apple', 'Banana']) await add(name);
    expect(await names({ sort: 'name' })).toEqual(['apple', 'Banana', 'éclair', 'Zebra']);
  });

  it('breaks ties in every order by id, in the same direction', async () => {
    const [a, b, c] = [await add('A'), await add('B', { price: 5 }), await add('C')];
    await setup.db.query(`UPDATE products SET created_at = '2030-01-01'`);
    const ids = async (sort: ProductFilter['sort']) => (await list({ sort })).items.map((p) => p.id);
    expect(await ids('created_at')).toEqual([a.id, b.id, c.id]);
    expect(await ids('-created_at')).toEqual([c.id, b.id, a.id]);
    expect(await ids('price')).toEqual([b.id, a.id, c.id]);
    expect(await ids('-price')).toEqual([c.id, a.id, b.id]);
  });

  it('pages with the total of every match, also past the last page and when nothing matches', async () => {
    for (const name of ['A', 'B', 'C', 'D', 'E']) await add(name, { price: 10 });
    const pages = [await list({ sort: 'price', limit: 2 }), await list({ sort: 'price', skip: 2, limit: 2 }), await list({ sort: 'price', skip: 4, limit: 2 })];
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.items.map((i) => i.name))).toEqual(['A', 'B', 'C', 'D', 'E']);
    await expect(list({ skip: 50 })).resolves.toEqual({ items: [], total: 5, skip: 50, limit: 20 });
    await expect(list({ search: 'zzz' })).resolves.toEqual({ items: [], total: 0, skip: 0, limit: 20 });
  });
});

describe('TypeormProductsRepository reports', () => {
  it('lists active products under the threshold, lowest stock first, ties by id, with the total', async () => {
    const [few, none, alsoFew] = [await add('Few', { stock: 3 }), await add('None', { stock: 0 }), await add('Also few', { stock: 3 })];
    await add('Plenty', { stock: 10 });
    await products.deactivate((await add('Retired', { stock: 1 })).id);
    const report = await products.lowStock(10, 0, 2);
    expect(report).toMatchObject({ total: 3, skip: 0, limit: 2 });
    expect(report.items.map((p) => p.id)).toEqual([none.id, few.id]);
    await expect(products.lowStock(10, 2, 2)).resolves.toMatchObject({ total: 3, items: [{ id: alsoFew.id }] });
    await expect(products.lowStock(10, 5, 2)).resolves.toMatchObject({ total: 3, items: [] });
  });

  it('sums the active catalog exactly, and an empty one to zeros', async () => {
    await expect(products.stats()).resolves.toEqual({ active: 0, inactive: 0, totalStock: 0, stockValue: 0 });
    await add('A', { price: 0.1, stock: 3 });
    await add('B', { price: 0.2, stock: 3 });
    await products.deactivate((await add('C', { price: 100, stock: 100 })).id);
    await expect(products.stats()).resolves.toEqual({ active: 2, inactive: 1, totalStock: 6, stockValue: 0.9 });
  });
});

describe('the name-search index', () => {
  it('keeps its pending list small (64 kB), so a search never reads megabytes of unmerged entries', async () => {
    const [index] = await setup.db.query<{ reloptions: string[] }[]>(`SELECT reloptions FROM pg_class WHERE relname = 'ix_products_name_search'`);
    expect(index.reloptions).toContain('gin_pending_list_limit=64');
  });
});
