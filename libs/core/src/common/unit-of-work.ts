import type { RefreshTokensRepository } from '../auth/refresh-tokens';
import type { ProductsRepository } from '../products/products.repository';
import type { UsersRepository } from '../users/users.repository';

/**
 * The repository ports a unit of work hands its function, every one bound to the unit's transaction.
 * A context that needs its writes to share a transaction with these adds its port here, in one line.
 */
export interface TransactionalRepositories {
  /**
   * For reads and new accounts: a change to an existing account must go through the services' own repository
   * (CachedUsersRepository), whose fence around its commit tells every process; a unit commits after its writes.
   */
  users: UsersRepository;
  refreshTokens: RefreshTokensRepository;
  products: ProductsRepository;
}

/**
 * The transaction port: work that spans several rows or contexts (a checkout reserving stock for many
 * products, then storing the order) happens all or nothing.
 *
 * - Throwing from `work` rolls back everything it did and rejects with that same error; resolving commits.
 * - Use only the repositories passed in: the injected ones are outside the transaction, so their writes
 *   stay even when the unit rolls back.
 * - Call them one after another, never in parallel: they share one connection.
 * - Touch several rows of one table in a fixed order (ascending id): two units locking the same rows in
 *   opposite orders deadlock, and the database then fails one of them.
 * - Units do not nest: a unit started inside another is a separate transaction that may wait on its parent.
 * - Keep side effects outside the database (cache invalidation, messages) until `run` has resolved: a rolled
 *   back unit cannot take them back.
 */
export abstract class UnitOfWork {
  abstract run<T>(work: (tx: TransactionalRepositories) => Promise<T>): Promise<T>;
}
