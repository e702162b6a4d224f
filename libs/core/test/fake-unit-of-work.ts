import { AsyncLocalStorage } from 'node:async_hooks';
import { type TransactionalRepositories, UnitOfWork } from '../src';
import { InMemoryProducts, InMemoryRefreshTokens, InMemoryUsers } from './fakes';

/** Every port of a unit of work, as an in-memory fake that keeps its rows in `rows`. */
export type InMemoryTables = { [K in keyof TransactionalRepositories]: TransactionalRepositories[K] & { readonly rows: object[] } };

export function inMemoryRepositories() {
  return { users: new InMemoryUsers(), refreshTokens: new InMemoryRefreshTokens(), products: new InMemoryProducts() } satisfies InMemoryTables;
}

/**
 * Rolls back like the real one: a snapshot of every table is taken before the work and put back if it throws.
 * Units run one at a time, a stricter order than the database's row locks give, so one unit's rollback never
 * erases another's writes. It hands out the very fakes the services get injected, so it cannot catch a write
 * made through the wrong repository; the PostgreSQL spec of the data layer covers that.
 */
export class FakeUnitOfWork extends UnitOfWork {
  private readonly transactions: InMemoryTransactions<ReturnType<typeof inMemoryRepositories>>;

  constructor(readonly repositories = inMemoryRepositories()) {
    super();
    this.transactions = new InMemoryTransactions(repositories);
  }

  run<T>(work: (tx: TransactionalRepositories) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }
}

/** Transactions over in-memory tables: one at a time, and a throw puts every table back as it was. */
export class InMemoryTransactions<R extends Record<string, { rows: object[] }>> {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly inside = new AsyncLocalStorage<true>();

  constructor(private readonly tables: R) {}

  run<T>(work: (tx: R) => Promise<T>): Promise<T> {
    // Waiting for the queue here would hang for ever; the real database would have two transactions instead.
    if (this.inside.getStore()) return Promise.reject(new Error('Units of work do not nest: pass the repositories down instead'));
    const turn = this.queue.then(() => this.inside.run(true, () => this.runAlone(work)));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async runAlone<T>(work: (tx: R) => Promise<T>): Promise<T> {
    const tables = Object.values(this.tables);
    const saved = tables.map((t) => structuredClone(t.rows));
    try {
      return await work(this.tables);
    } catch (error) {
      tables.forEach((t, i) => t.rows.splice(0, t.rows.length, ...saved[i]));
      throw error;
    }
  }
}
