import type { DataSource, EntityManager } from 'typeorm';

/** What a repository is built on: the DataSource for plain calls, a transaction's EntityManager in a unit of work. */
export type DatabaseHandle = DataSource | EntityManager;

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
