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

/**
 * The migrations table says which schema changes ran: a service role that could write it could mark one as
 * applied. Default privileges hand the row-only role writes on every table the owner creates, this one too,
 * whenever the role was set up; so after each run the owner takes them back from everyone else.
 */
const OWNER_ONLY_MIGRATIONS_TABLE = `DO $$
DECLARE grantee_name text;
BEGIN
  FOR grantee_name IN
    SELECT DISTINCT grantee FROM information_schema.role_table_grants
     WHERE table_schema = current_schema() AND table_name = 'migrations' AND grantee <> current_user
       AND privilege_type IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
  LOOP
    EXECUTE format('REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM %I', grantee_name);
  END LOOP;
END $$`;

/** Applies pending migrations; safe to run from several processes at once (TypeORM takes an advisory lock). */
export async function migrate(url: string): Promise<string[]> {
  const ds = await createDataSource({ url, poolSize: 2, applicationName: 'mercato-migrate' }).initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    await ds.query(OWNER_ONLY_MIGRATIONS_TABLE);
    return applied.map((m) => m.name);
  } finally {
    await ds.destroy();
  }
}
