import { ProductsRepository, RefreshTokensRepository, type TransactionalRepositories, UsersRepository } from '@mercato/core';
import type { EntityManager } from 'typeorm';
import { TypeormRefreshTokensRepository } from './auth/typeorm-refresh-tokens.repository';
import { TypeormProductsRepository } from './products/typeorm-products.repository';
import { TypeormUsersRepository } from './users/typeorm-users.repository';

interface RepositoryBinding<R> {
  /** The core port, which is also the Nest token services inject. */
  port: abstract new () => R;
  build(db: EntityManager): R;
}

/**
 * Each core port with the TypeORM class that implements it. DataModule provides every one on the DataSource's
 * manager, and a unit of work builds every one on its transaction's; the type asks for an entry per port of
 * TransactionalRepositories, so a new port is one line here and both places have it.
 */
export const repositoryBindings: { [K in keyof TransactionalRepositories]: RepositoryBinding<TransactionalRepositories[K]> } = {
  users: { port: UsersRepository, build: (db) => new TypeormUsersRepository(db) },
  refreshTokens: { port: RefreshTokensRepository, build: (db) => new TypeormRefreshTokensRepository(db) },
  products: { port: ProductsRepository, build: (db) => new TypeormProductsRepository(db) },
};

/** Every repository, built on `db`. */
export function bindRepositories(db: EntityManager): TransactionalRepositories {
  const entries = Object.entries(repositoryBindings).map(([name, binding]) => [name, binding.build(db)]);
  return Object.fromEntries(entries) as TransactionalRepositories;
}
