import { bulkInsertProducts, createDataSource } from '@mercato/data';
import { demoCatalog } from './demo-catalog';

/** Fills an empty catalog with `count` demo products; a catalog that has products is left alone. */
export async function seedCatalog(databaseUrl: string, count: number): Promise<number> {
  const db = await createDataSource({ url: databaseUrl, poolSize: 2, applicationName: 'mercato-seed' }).initialize();
  try {
    const [{ exists }] = (await db.query('SELECT EXISTS (SELECT 1 FROM products) AS exists')) as { exists: boolean }[];
    if (exists) return 0;
    const added = await bulkInsertProducts(db, demoCatalog(count));
    // As autovacuum would soon: statistics for the planner, and the search index's pending list merged.
    await db.query('VACUUM (ANALYZE) products');
    return added;
  } finally {
    await db.destroy();
  }
}
