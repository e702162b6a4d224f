import { randomUUID } from 'node:crypto';
import { slugOf } from '@mercato/core';
import { bulkInsertProducts, createDataSource } from '@mercato/data';
import type { DataSource } from 'typeorm';
import { benchToken } from './accounts';
import type { LoadResult, LoadSpec } from './autocannon-run';
import type { BenchSession } from './bench-session';
import { purchaseRate, purchaseResult, runPurchases, type PurchaseRun } from './purchase-load';
import { auditStock, describeAudit } from './stock-audit';
import { readStockLedger } from './stock-ledger';
import type { BenchTarget } from './target';

const POOL_SIZE = 1_000;
/** Per product of the pool: more than any run this bench allows (60 s) could sell of one product in a thousand. */
const POOL_STOCK = 100_000;
const HOT_STOCK_MIN = 50;

/**
 * Buying through orders-api, a checkout and its completion per purchase: one unit of any of a thousand products with
 * ample stock (buyers seldom wait on one product row), then one unit each of a single product whose stock runs out
 * mid-run (every reservation waits on that row, and after it the 409 insufficient-stock refusals). After each run the
 * units of every product the bench sells are counted in the database: none may be missing, none sold twice. The
 * ceiling of each answers as POST /checkouts does, and a purchase's share of it is counted in requests (two each).
 */
export async function ordersScenarios(target: BenchTarget, bench: BenchSession): Promise<void> {
  const { token } = await benchToken(target, 'user');
  const { connections, duration } = bench.load();
  const shop = { baseUrl: target.baseUrl('orders-api'), token, connections };
  // Capturing the response to copy opens one checkout, which holds its unit as any open checkout does.
  const checkoutSpec = (productId: number): LoadSpec => ({
    title: 'POST /checkouts',
    url: `${shop.baseUrl}/api/v1/checkouts`,
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify({ line_items: [{ product_id: productId, quantity: 1 }] }),
    connections,
    duration,
  });
  const db = await createDataSource({ url: target.databaseUrl, poolSize: 2, applicationName: 'mercato-bench' }).initialize();
  try {
    const initial = new Map<number, number>();
    let confirmed = 0;
    const audited = async (run: PurchaseRun): Promise<LoadResult> => {
      confirmed += run.unitsBought;
      const audit = auditStock(initial, await readStockLedger(db, [...initial.keys()]), confirmed);
      const report = describeAudit(audit);
      if (!audit.holds) console.error(`\n${run.title}: ${report}\n`);
      return purchaseResult(run, { holds: audit.holds, report });
    };

    const pool = await stockProducts(db, 'pool', POOL_SIZE, POOL_STOCK, initial);
    const anyOfPool = () => [{ product_id: pool[Math.floor(Math.random() * pool.length)], quantity: 1 }];
    // Unrecorded, as every scenario's warm-up; what it sells still counts in the audit.
    const { result: uncontended, ceiling: uncontendedCeiling } = await bench.bracketed(checkoutSpec(pool[0]), async () => {
      confirmed += (await runPurchases({ ...shop, title: 'warm-up', basket: anyOfPool, duration: bench.options.warmup })).unitsBought;
      return runPurchases({
        ...shop,
        title: `checkout + complete, 1 of ${POOL_SIZE.toLocaleString('en-US')} products (uncontended)`,
        basket: anyOfPool,
        duration,
      });
    });
    bench.record('orders.purchase.uncontended', await audited(uncontended), uncontendedCeiling);

    // Stock for about a third of the run at the uncontended pace, so it sells out mid-run on any machine.
    const hotStock = Math.max(HOT_STOCK_MIN, Math.round((purchaseRate(uncontended) * duration) / 3));
    const [hot] = await stockProducts(db, 'hot', 1, hotStock, initial);
    const { result: contended, ceiling: contendedCeiling } = await bench.bracketed(checkoutSpec(pool[1]), () =>
      runPurchases({
        ...shop,
        title: `checkout + complete, 1 product, ${hotStock} in stock (contended)`,
        basket: () => [{ product_id: hot, quantity: 1 }],
        duration,
      }),
    );
    bench.record('orders.purchase.contended', await audited(contended), contendedCeiling);
  } finally {
    await db.destroy();
  }
}

/** Adds `count` products of `stock` units each to the catalog; returns their ids, and notes their stock in `initial`. */
async function stockProducts(db: DataSource, label: string, count: number, stock: number, initial: Map<number, number>): Promise<number[]> {
  const names = Array.from({ length: count }, (_, i) => `Bench ${label} ${process.pid} ${i + 1}`);
  await bulkInsertProducts(
    db,
    names.map((name) => ({ name, description: null, price: 10, stock, metadata: null })),
  );
  const rows = (await db.query('SELECT id FROM products WHERE slug = ANY($1::varchar[]) ORDER BY id', [names.map((name) => slugOf(name))])) as { id: number }[];
  if (rows.length !== count) throw new Error(`stocked ${count} ${label} products but found ${rows.length}`);
  for (const { id } of rows) initial.set(id, stock);
  return rows.map(({ id }) => id);
}
