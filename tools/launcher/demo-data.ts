import { ConflictError, systemActor, type Role } from '@mercato/core';
import { withUsersService } from '../cli/accounts';
import { seedCatalog } from '../seed/seed-catalog';
import { seedOrders } from '../seed/seed-orders';

export { DEMO_ORDER_COUNT } from '../seed/demo-orders';

/** Demo accounts for the embedded platform only; documented in the README, never created on a real database. */
export const DEMO_ACCOUNTS: { username: string; email: string; password: string; role: Role }[] = [
  { username: 'admin', email: 'admin@mercato.local', password: 'Admin1234', role: 'admin' },
  { username: 'demo', email: 'demo@mercato.local', password: 'Demo12345', role: 'user' },
];

export const DEMO_PRODUCTS = 300;
/** The account the demo orders are placed by, over the last 30 days, so the sales reports have something to show. */
export const DEMO_BUYER = 'demo';

export async function seedDemoData(databaseUrl: string): Promise<void> {
  await seedCatalog(databaseUrl, DEMO_PRODUCTS);
  await withUsersService(databaseUrl, async (users) => {
    for (const { role, ...account } of DEMO_ACCOUNTS) {
      await users.create(systemActor('demo seed'), account, role).catch((error: unknown) => {
        if (!(error instanceof ConflictError)) throw error; // already seeded on an earlier start
      });
    }
  });
  await seedOrders(databaseUrl, DEMO_BUYER);
}
