// npm run bench:sales-plans -- [--lines 1000000]
// How the sales reports run on a million order lines: loads them into a scratch database on DATABASE_URL's server
// (dropped afterwards), then prints each report query's EXPLAIN ANALYZE for a week and a month of a year's orders.
import { parseArgs } from 'node:util';
import { bulkInsertOrders, bulkInsertProducts, createDataSource, createScratchDatabase, migrate, TypeormSalesReports } from '@mercato/data';
import type { EntityManager } from 'typeorm';

const LINES_PER_ORDER = 4;
const YEAR = { from: new Date('2025-01-01T00:00:00Z'), days: 365 };
const RANGES = {
  week: { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-09T00:00:00Z') },
  month: { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') },
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { lines: { type: 'string', default: '1000000' } } });
  const server = process.env['DATABASE_URL'];
  if (!server) throw new Error('Set DATABASE_URL to a PostgreSQL server; a scratch database is made on it and dropped afterwards');
  const scratch = await createScratchDatabase(server, 'sales_plans');
  try {
    await migrate(scratch.url);
    const db = await createDataSource({ url: scratch.url }).initialize();
    try {
      const started = Date.now();
      const [user] = (await db.query(`INSERT INTO users (email, username, password_hash) VALUES ('bulk@example.com', 'bulk', 'x') RETURNING id`)) as {
        id: number;
      }[];
      const items = Array.from({ length: LINES_PER_ORDER }, (_, i) => ({ name: `Item ${i + 1}`, description: null, price: 19.99, stock: 0, metadata: null }));
      await bulkInsertProducts(db, items);
      const orders = Math.ceil(Number(values.lines) / LINES_PER_ORDER);
      await bulkInsertOrders(db, { userId: user?.id ?? 0, orders, linesPerOrder: LINES_PER_ORDER, ...YEAR });
      const [{ lines }] = (await db.query(`SELECT count(*)::int AS lines FROM order_lines`)) as { lines: number }[];
      console.log(
        `${lines.toLocaleString('en')} order lines in ${orders.toLocaleString('en')} orders over a year, loaded in ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
      );
      for (const [name, range] of Object.entries(RANGES)) {
        const plans: string[] = [];
        const reports = new TypeormSalesReports({
          query: async (sql: string, parameters: unknown[]) => {
            const rows = (await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
            plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
            return [{}]; // one empty row: the reports read their first row's fields
          },
        } as unknown as EntityManager);
        await reports.salesByPeriod(range, 'day');
        await reports.topProducts(range, 'revenue', 10);
        await reports.summary(range);
        for (const [i, plan] of plans.entries()) console.log(`--- ${name}: ${['sales by day', 'top products', 'summary'][i] ?? `query ${i + 1}`}\n${plan}\n`);
      }
    } finally {
      await db.destroy();
    }
  } finally {
    await scratch.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
