import {
  foldForSearch,
  type NewProduct,
  type Page,
  type Product,
  type ProductChanges,
  JsonText,
  ProductCache,
  type ProductFilter,
  type ProductSort,
  type ProductStats,
  type ProductView,
  ProductsRepository,
  MAX_STOCK,
} from '../src';

const ORDER: Record<ProductSort, { key: (p: Product) => number | string; direction: 1 | -1 }> = {
  created_at: { key: (p) => p.createdAt.getTime(), direction: 1 },
  '-created_at': { key: (p) => p.createdAt.getTime(), direction: -1 },
  price: { key: (p) => p.price, direction: 1 },
  '-price': { key: (p) => p.price, direction: -1 },
  // The real list sorts the folded name in the database's byte order.
  name: { key: (p) => foldForSearch(p.name), direction: 1 },
};

/**
 * The products port in memory, keeping the rules the PostgreSQL repository keeps: unique slugs (`base`, then
 * `base-1`, `base-2` …), the check constraints on price and stock, stock changes only on active products and
 * never below zero, ties in every order broken by id so pages never overlap.
 */
export class InMemoryProducts extends ProductsRepository {
  readonly rows: Product[] = [];

  async insert(p: NewProduct, baseSlug: string): Promise<Product> {
    const now = new Date();
    const product: Product = { ...p, id: this.rows.length + 1, slug: this.freeSlug(baseSlug), isActive: true, createdAt: now, updatedAt: now };
    assertConstraints(product);
    this.rows.push(product);
    return { ...product };
  }

  async update(id: number, changes: ProductChanges, baseSlug?: string): Promise<Product | null> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) return null;
    const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as ProductChanges;
    const next: Product = { ...row, ...defined, updatedAt: new Date() };
    if (baseSlug !== undefined) next.slug = this.freeSlug(baseSlug, id);
    assertConstraints(next);
    Object.assign(row, next);
    return { ...row };
  }

  async findById(id: number) {
    return this.copyOf(this.rows.find((r) => r.id === id));
  }

  async findBySlug(slug: string) {
    return this.copyOf(this.rows.find((r) => r.slug === slug));
  }

  async list(f: ProductFilter): Promise<Page<Product>> {
    const matches = this.rows.filter(
      (p) =>
        (f.isActive === undefined || p.isActive === f.isActive) &&
        (f.search === undefined || foldForSearch(p.name).includes(f.search)) &&
        (f.minPrice === undefined || p.price >= f.minPrice) &&
        (f.maxPrice === undefined || p.price <= f.maxPrice) &&
        (f.inStock === undefined || p.stock > 0 === f.inStock),
    );
    const { key, direction } = ORDER[f.sort];
    matches.sort((a, b) => direction * (compare(key(a), key(b)) || a.id - b.id));
    return this.page(matches, f.skip, f.limit);
  }

  async adjustStock(id: number, delta: number): Promise<Product | null> {
    const row = this.rows.find((r) => r.id === id && r.isActive && r.stock + delta >= 0 && r.stock + delta <= MAX_STOCK);
    if (!row) return null;
    assertConstraints({ ...row, stock: row.stock + delta });
    Object.assign(row, { stock: row.stock + delta, updatedAt: new Date() });
    return { ...row };
  }

  async deactivate(id: number): Promise<Product | null> {
    const row = this.rows.find((r) => r.id === id);
    if (!row) return null;
    Object.assign(row, { isActive: false, updatedAt: new Date() });
    return { ...row };
  }

  async lowStock(threshold: number, skip: number, limit: number): Promise<Page<Product>> {
    const matches = this.rows.filter((p) => p.isActive && p.stock < threshold).sort((a, b) => a.stock - b.stock || a.id - b.id);
    return this.page(matches, skip, limit);
  }

  async stats(): Promise<ProductStats> {
    const active = this.rows.filter((p) => p.isActive);
    // numeric sums are exact; summing cents keeps them so here
    const cents = active.reduce((sum, p) => sum + p.stock * Math.round(p.price * 100), 0);
    return {
      active: active.length,
      inactive: this.rows.length - active.length,
      totalStock: active.reduce((sum, p) => sum + p.stock, 0),
      stockValue: cents / 100,
    };
  }

  private freeSlug(base: string, ownId?: number): string {
    const taken = new Set(this.rows.filter((r) => r.id !== ownId).map((r) => r.slug));
    let slug = base;
    for (let n = 1; taken.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }

  private page(matches: Product[], skip: number, limit: number): Page<Product> {
    return { items: matches.slice(skip, skip + limit).map((p) => ({ ...p })), total: matches.length, skip, limit };
  }

  private copyOf(p: Product | undefined): Product | null {
    return p ? { ...p } : null;
  }
}

/** The CHECK constraints of the products table. */
function assertConstraints(p: Product): void {
  if (!(p.price > 0)) throw new Error('new row for relation "products" violates check constraint "products_price_check"');
  if (p.stock < 0) throw new Error('new row for relation "products" violates check constraint "products_stock_check"');
  if (p.stock > MAX_STOCK) throw new Error('integer out of range');
}

function compare(a: number | string, b: number | string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A cache that really keeps what it loads, scoped as the Redis one is: an id entry until that product is
 * invalidated, slug and list entries until any product is. A test can then tell a fresh read from a stale one,
 * and see which products each write invalidated.
 */
export class MemoryProductCache extends ProductCache {
  readonly invalidated: number[] = [];
  private readonly ids = new Map<number, ProductView | null>();
  private readonly catalog = new Map<string, unknown>();

  async byId(id: number, load: () => Promise<ProductView | null>) {
    if (!this.ids.has(id)) this.ids.set(id, await load());
    return JsonText.of(this.ids.get(id) ?? null);
  }

  async bySlug(slug: string, load: () => Promise<ProductView | null>) {
    return JsonText.of(await this.readThrough(`slug:${slug}`, load));
  }

  async list(query: string, load: () => Promise<Page<ProductView>>) {
    // stored as text, as Redis stores it: a caller cannot change what the next one reads
    return new JsonText<Page<ProductView>>(await this.readThrough(`list:${query}`, async () => JSON.stringify(await load())));
  }

  async invalidate(productId: number) {
    this.invalidated.push(productId);
    this.ids.delete(productId);
    this.catalog.clear();
  }

  /** The list queries stored so far: each is the key one filter is cached under. */
  get listKeys(): string[] {
    return [...this.catalog.keys()].filter((k) => k.startsWith('list:')).map((k) => k.slice('list:'.length));
  }

  private async readThrough<T>(key: string, load: () => Promise<T>): Promise<T> {
    if (!this.catalog.has(key)) this.catalog.set(key, await load());
    return this.catalog.get(key) as T;
  }
}
