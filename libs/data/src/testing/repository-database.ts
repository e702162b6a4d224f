import type { DataSource } from 'typeorm';
import { TypeormRefreshTokensRepository } from '../auth/typeorm-refresh-tokens.repository';
import { createDataSource } from '../data-source';
import { PostgresIdempotencyStore } from '../orders/postgres-idempotency-store';
import { TypeormCheckoutsRepository } from '../orders/typeorm-checkouts.repository';
import { TypeormOrdersRepository } from '../orders/typeorm-orders.repository';
import { TypeormSalesReports } from '../orders/typeorm-sales-reports';
import { TypeormProductsRepository } from '../products/typeorm-products.repository';
import { TypeormUsersRepository } from '../users/typeorm-users.repository';
import { createTestDatabase } from './test-database';

export interface RepositoryDatabase {
  db: DataSource;
  users: TypeormUsersRepository;
  refreshTokens: TypeormRefreshTokensRepository;
  products: TypeormProductsRepository;
  checkouts: TypeormCheckoutsRepository;
  orders: TypeormOrdersRepository;
  sales: TypeormSalesReports;
  idempotency: PostgresIdempotencyStore;
  /** Closes the connections and drops the database. */
  close(): Promise<void>;
}

/** A migrated database of a repository spec's own, with the repositories over it. */
export async function repositoryDatabase(): Promise<RepositoryDatabase> {
  const database = await createTestDatabase();
  const db = await createDataSource({ url: database.url }).initialize();
  return {
    db,
    users: new TypeormUsersRepository(db),
    refreshTokens: new TypeormRefreshTokensRepository(db),
    products: new TypeormProductsRepository(db),
    checkouts: new TypeormCheckoutsRepository(db),
    orders: new TypeormOrdersRepository(db),
    sales: new TypeormSalesReports(db),
    idempotency: new PostgresIdempotencyStore(db),
    close: async () => {
      await db.destroy();
      await database.drop();
    },
  };
}
