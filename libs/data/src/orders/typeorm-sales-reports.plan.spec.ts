import type { EntityManager } from 'typeorm';
import { repositoryDatabase, type RepositoryDatabase } from '../testing/repository-database';
import { bulkInsertOrders } from './bulk-orders';
import { TypeormSalesReports } from './typeorm-sales-reports';

let setup: RepositoryDatabase;
/** The sales reports with every query they send explained instead of run: the plans of the repository's own SQL. */
let explained: TypeormSalesReports;
const plans: string[] = [];

const ORDERS = 6_000;
const LINES_PER_ORDER = 4;

beforeAll(async () => {
  setup = await repositoryDatabase();
  const [user] = (await setup.db.query(`INSERT INTO users (email, username, password_hash) VALUES ('bulk@example.com', 'bulk', 'x') RETURNING id`)) as {
    id: number;
  }[];
  for (let i = 0; i < LINES_PER_ORDER; i++)
    await setup.products.insert({ name: `Item ${i}`, description: null, price: 1, stock: 0, metadata: null }, `item-${i}`);
  await bulkInsertOrders(setup.db, { userId: user.id, orders: ORDERS, linesPerOrder: LINES_PER_ORDER, from: new Date('2025-01-01T00:00:00Z'), days: 365 });
  const explaining = {
    query: async (sql: string, parameters: unknown[]) => {
      const rows = (await setup.db.query(`EXPLAIN ${sql}`, parameters)) as { 'QUERY PLAN': string }[];
      plans.push(rows.map((r) => r['QUERY PLAN']).join('\n'));
      return [];
    },
  } as unknown as EntityManager;
  explained = new TypeormSalesReports(explaining);
}, 60_000);
afterAll(() => setup.close());

const aWeek = { from: new Date('2025-06-02T00:00:00Z'), to: new Date('2025-06-09T00:00:00Z') };

describe('the sales reports on many order lines', () => {
  it(`reads a date range of ${ORDERS * LINES_PER_ORDER} lines through the created_at index, never a sequential scan of the lines`, async () => {
    plans.length = 0;
    await explained.salesByPeriod(aWeek, 'day');
    await explained.topProducts(aWeek, 'revenue', 10);
    expect(plans).toHaveLength(2);
    for (const plan of plans) {
      expect(plan).toMatch(/Index (Only )?Scan using ix_order_lines_created on order_lines/);
      expect(plan).not.toMatch(/Seq Scan on order_lines/);
    }
  });

  it('agrees with a plain sum over the same lines', async () => {
    const [expected] = (await setup.db.query(
      `SELECT count(DISTINCT o.id)::int AS orders, sum(l.quantity)::int AS units, sum(l.quantity * l.unit_price_cents)::int AS revenue
         FROM orders o JOIN order_lines l ON l.order_id = o.id
        WHERE o.status <> 'canceled' AND o.created_at >= $1 AND o.created_at < $2`,
      [aWeek.from, aWeek.to],
    )) as { orders: number; units: number; revenue: number }[];
    const summary = await setup.sales.summary(aWeek);
    expect(summary).toMatchObject({ orders: expected.orders, units: expected.units, revenueCents: expected.revenue });
    expect(expected.orders).toBeGreaterThan(100);
    const days = await setup.sales.salesByPeriod(aWeek, 'day');
    expect(days).toHaveLength(7);
    expect(days.reduce((sum, d) => sum + d.revenueCents, 0)).toBe(expected.revenue);
  });
});
