import { type NewProduct, type Page, type Product, type ProductChanges, type ProductFilter, ProductsRepository, type ProductStats } from '../src';

/** In-memory stand-in for the products port; returns copies so callers cannot change stored rows by accident. */
export class InMemoryProducts extends ProductsRepository {
  readonly rows: Product[] = [];

  async insert(p: NewProduct, baseSlug: string): Promise<Product> {
    const now = new Date();
    const product: Product = { ...p, id: this.rows.length + 1, slug: this.freeSlug(baseSlug), isActive: true, createdAt: now, updatedAt: now };
    this.rows.push(product);
    return { ...product };
  }
  async update(id: number, changes: ProductChanges, baseSlug?: string) {
    const p = this.rows.find((r) => r.id === id);
    if (!p) return null;
    Object.assign(p, changes, baseSlug === undefined ? {} : { slug: this.freeSlug(baseSlug, id) }, { updatedAt: new Date() });
    return { ...p };
  }
  async findById(id: number) {
    const p = this.rows.find((r) => r.id === id);
    return p ? { ...p } : null;
  }
  async findBySlug(slug: string) {
    const p = this.rows.find((r) => r.slug === slug);
    return p ? { ...p } : null;
  }
  async list(f: ProductFilter): Promise<Page<Product>> {
    const items = this.rows.filter((r) => f.isActive === undefined || r.isActive === f.isActive);
    return { items: items.slice(f.skip, f.skip + f.limit).map((r) => ({ ...r })), total: items.length, skip: f.skip, limit: f.limit };
  }
  /** Same guard as the database's UPDATE: active, and stock never below zero. */
  async adjustStock(id: number, delta: number) {
    const p = this.rows.find((r) => r.id === id && r.isActive && r.stock + delta >= 0);
    if (!p) return null;
    Object.assign(p, { stock: p.stock + delta, updatedAt: new Date() });
    return { ...p };
  }
  async deactivate(id: number) {
    const p = this.rows.find((r) => r.id === id);
    if (!p) return null;
    p.isActive = false;
    return { ...p };
  }
  async lowStock(threshold: number, skip: number, limit: number): Promise<Page<Product>> {
    const items = this.rows.filter((r) => r.isActive && r.stock < threshold).sort((a, b) => a.stock - b.stock || a.id - b.id);
    return { items: items.slice(skip, skip + limit).map((r) => ({ ...r })), total: items.length, skip, limit };
  }
  async stats(): Promise<ProductStats> {
    const active = this.rows.filter((r) => r.isActive);
    return {
      active: active.length,
      inactive: this.rows.length - active.length,
      totalStock: active.reduce((sum, r) => sum + r.stock, 0),
      stockValue: active.reduce((sum, r) => sum + r.stock * r.price, 0),
    };
  }
  private freeSlug(base: string, ownId?: number): string {
    const taken = new Set(this.rows.filter((r) => r.id !== ownId).map((r) => r.slug));
    let slug = base;
    for (let n = 1; taken.has(slug); n++) slug = `${base}-${n}`;
    return slug;
  }
}
