import { type TransactionalRepositories, UnitOfWork } from '@mercato/core';
import type { PoolClient } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { postgresErrorCode } from './postgres-errors';
import { bindRepositories } from './repository-bindings';

const IN_FAILED_TRANSACTION = '25P02';

/**
 * One TypeORM transaction per unit: it commits when the work resolves, and when the work rejects it rolls back
 * and rethrows the work's own error (a failed ROLLBACK never replaces it). Deadlocks and serialization failures
 * reach the caller like any other error: retrying is the caller's call, as only it knows whether the work may
 * run twice. Read committed is enough because stock and uniqueness are decided by single guarded statements,
 * which re-check their condition on the row version they lock.
 */
export class TypeormUnitOfWork extends UnitOfWork {
  constructor(private readonly db: DataSource) {
    super();
  }

  run<T>(work: (tx: TransactionalRepositories) => Promise<T>): Promise<T> {
    return runInTransaction(this.db, bindRepositories, work);
  }
}

/** One unit on `db`: the repositories `bind` builds on the transaction's manager, committed or rolled back as above. */
export function runInTransaction<R, T>(db: DataSource, bind: (manager: EntityManager) => R, work: (tx: R) => Promise<T>): Promise<T> {
  return db.transaction(async (manager) => {
    const result = await work(bind(manager));
    await assertNotAborted(manager);
    return result;
  });
}

/**
 * PostgreSQL answers COMMIT of a transaction an error has aborted with a quiet ROLLBACK. Had the work caught such
 * an error (a deadlock, say) and resolved anyway, the unit would report a commit that never happened; it rejects
 * instead. The server states the transaction's status once it is ready for the next statement ('T': open, 'E':
 * failed), so a connection that has heard that costs no round trip; one still waiting (the work's last statement
 * failed a moment ago) is asked with a statement, which waits its turn.
 */
async function assertNotAborted(manager: EntityManager): Promise<void> {
  const connection = (manager.queryRunner as { databaseConnection?: Partial<TransactionStatus> } | undefined)?.databaseConnection;
  const status = connection?.readyForQuery === true ? connection.getTransactionStatus?.() : undefined;
  if (status === 'T') return;
  let cause: unknown;
  if (status !== 'E') {
    try {
      await manager.query('SELECT 1');
      return;
    } catch (error) {
      if (postgresErrorCode(error) !== IN_FAILED_TRANSACTION) throw error;
      cause = error;
    }
  }
  throw new Error('A database error aborted the unit of work and the work went on regardless; nothing was committed', { cause });
}

/** What node-postgres's client says of its connection; `readyForQuery` is false while a statement is under way. */
type TransactionStatus = Pick<PoolClient, 'getTransactionStatus'> & { readyForQuery: boolean };
