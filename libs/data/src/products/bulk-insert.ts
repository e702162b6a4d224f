import { foldForSearch, slugOf, type NewProduct } from '@mercato/core';
import type { DataSource } from 'typeorm';

/**
 * Loads many products at once for demo data and benchmarks (one INSERT per 5,000 rows). Names must be
 * unique within the batch and new to the table, since slugs are derived without suffixes here.
 */
export async function bulkInsertProducts(db: DataSource, products: NewProduct[]): Promise<number> {
  for (let i = 0; i < products.length; i += 5_000) {
    const batch = products.slice(i, i + 5_000);
    await db.query(
      `INSERT INTO products (name, name_search, slug, description, price, stock, metadata)
       SELECT * FROM unnest($1::varchar[], $2::text[], $3::varchar[], $4::text[], $5::numeric[], $6::int[], $7::jsonb[])`,
      [
        batch.map((p) => p.name),
        batch.map((p) => foldForSearch(p.name)),
        batch.map((p) => slugOf(p.name)),
        batch.map((p) => p.description),
        batch.map((p) => p.price),
        batch.map((p) => p.stock),
        batch.map((p) => (p.metadata ? JSON.stringify(p.metadata) : null)),
      ],
    );
  }
  return products.length;
}
