import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import {
  AgentLimits,
  AuthStateCache,
  CachedAgentLimits,
  CachedUsersRepository,
  CheckoutsRepository,
  ConnectedApps,
  IdempotencyStore,
  OrdersRepository,
  OrdersUnitOfWork,
  SalesReports,
  UnitOfWork,
  UsersRepository,
} from '@mercato/core';
import { DataSource } from 'typeorm';
import { createDataSource, type DatabaseOptions } from './data-source';
import { DatabaseStatus } from './database-status';
import { OAuthRecords } from './oauth/oauth-records';
import { PostgresIdempotencyStore } from './orders/postgres-idempotency-store';
import { TypeormCheckoutsRepository } from './orders/typeorm-checkouts.repository';
import { TypeormOrdersUnitOfWork } from './orders/typeorm-orders-unit-of-work';
import { TypeormOrdersRepository } from './orders/typeorm-orders.repository';
import { TypeormSalesReports } from './orders/typeorm-sales-reports';
import { TypeormConnectedApps } from './oauth/typeorm-connected-apps';
import { repositoryBindings } from './repository-bindings';
import { TypeormUnitOfWork } from './typeorm-unit-of-work';
import { TypeormAgentLimits } from './users/typeorm-agent-limits';

/** Provided globally by the server kit; a DataModule used without it (tools, tests) reads the database every time. */
const AUTH_STATE_CACHE = { token: AuthStateCache, optional: true };

function withAuthStateCache<P>(port: P, cache: AuthStateCache | undefined, Cached: new (port: P, cache: AuthStateCache) => P): P {
  return cache ? new Cached(port, cache) : port;
}

/** Where to connect: provided once per app by its configuration, so any module can import DataModule. */
export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

const providers = [
  {
    provide: DataSource,
    inject: [DATABASE_OPTIONS],
    useFactory: (options: DatabaseOptions) => createDataSource(options).initialize(),
  },
  { provide: DatabaseStatus, inject: [DataSource], useFactory: (db: DataSource) => new DatabaseStatus(db) },
  { provide: OAuthRecords, inject: [DataSource], useFactory: (db: DataSource) => new OAuthRecords(db) },
  { provide: ConnectedApps, inject: [DataSource], useFactory: (db: DataSource) => new TypeormConnectedApps(db) },
  // The users table is read on every request and written by account changes: both through the process's AuthStateCache.
  {
    provide: AgentLimits,
    inject: [DataSource, AUTH_STATE_CACHE],
    useFactory: (db: DataSource, cache?: AuthStateCache) => withAuthStateCache(new TypeormAgentLimits(db), cache, CachedAgentLimits),
  },
  {
    provide: UsersRepository,
    inject: [DataSource, AUTH_STATE_CACHE],
    useFactory: (db: DataSource, cache?: AuthStateCache) => withAuthStateCache(repositoryBindings.users.build(db.manager), cache, CachedUsersRepository),
  },
  ...Object.values(repositoryBindings)
    .filter(({ port }) => port !== UsersRepository)
    .map(({ port, build }) => ({
      provide: port,
      inject: [DataSource],
      useFactory: (db: DataSource) => build(db.manager),
    })),
  { provide: UnitOfWork, inject: [DataSource], useFactory: (db: DataSource) => new TypeormUnitOfWork(db) },
  { provide: CheckoutsRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormCheckoutsRepository(db) },
  { provide: OrdersRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormOrdersRepository(db) },
  { provide: SalesReports, inject: [DataSource], useFactory: (db: DataSource) => new TypeormSalesReports(db) },
  { provide: IdempotencyStore, inject: [DataSource], useFactory: (db: DataSource) => new PostgresIdempotencyStore(db) },
  { provide: OrdersUnitOfWork, inject: [DataSource], useFactory: (db: DataSource) => new TypeormOrdersUnitOfWork(db) },
];

/**
 * Core's repository ports and unit of work, implemented with TypeORM, so services and guards ask for
 * `UsersRepository` or `UnitOfWork` and never see TypeORM. One static module: every module that imports it
 * shares the app's one DataSource.
 */
@Module({ providers, exports: providers.map((p) => p.provide).filter((token) => token !== DataSource) })
export class DataModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
