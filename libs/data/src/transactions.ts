import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** What a repository is built on: the DataSource for plain calls, a transaction's EntityManager in a unit of work. */
export type DatabaseHandle = DataSource | EntityManager;

/** TypeORM's Postgres driver keeps its pg pool as `master`; absent until the DataSource is initialized. */
export function pgPoolOf(db: DataSource): Pool | undefined {
  return (db.driver as unknown as { master?: Pool }).master;
}

/** The DataSource's own manager opens a connection per call; a transaction's keeps to the transaction's one. */
export function managerOf(db: DatabaseHandle): EntityManager {
  return 'manager' in db ? db.manager : db;
}

/**
 * Inside a transaction, runs `write` under a savepoint, so a statement the repository turns into a domain error
 * (a taken e-mail) leaves the transaction usable, as that error does outside one, instead of aborting all of it.
 * Outside a transaction it runs as it is, at no extra round trip.
 */
export function withSavepoint<T>(db: EntityManager, write: () => Promise<T>): Promise<T> {
  return db.queryRunner?.isTransactionActive ? db.transaction(() => write()) : write();
}

/**
 * A read run as a named prepared statement: PostgreSQL parses and plans it once per connection instead of on
 * every call, and the call skips TypeORM's query runner. For the hottest reads (every authenticated request);
 * inside a transaction it runs on the transaction's connection as a plain query, as TypeORM has no prepared
 * statements. `name` must be unique per statement text.
 */
export async function preparedRead<T>(db: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const pool = db.queryRunner ? undefined : pgPoolOf(db.connection);
  if (!pool) return (await db.query(text, values)) as T[];
  return (await pool.query({ name, text, values })).rows as T[];
}
