import { DataSource } from 'typeorm';
import { RefreshTokenEntity } from './auth/refresh-token.entity';
import { migrations } from './migrations';
import { ProductEntity } from './products/product.entity';
import { UserEntity } from './users/user.entity';

export const entities = [UserEntity, RefreshTokenEntity, ProductEntity];

export interface DatabaseOptions {
  url: string;
  /** Connections per process; keep replicas × pool below the server's max_connections. */
  poolSize?: number;
  applicationName?: string;
}

export function createDataSource({ url, poolSize = 10, applicationName = 'mercato' }: DatabaseOptions): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities,
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    applicationName,
    extra: { max: poolSize, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 },
  });
}

/** Applies pending migrations; safe to run from several processes at once (TypeORM takes an advisory lock). */
export async function migrate(url: string): Promise<string[]> {
  const ds = await createDataSource({ url, poolSize: 2, applicationName: 'mercato-migrate' }).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
