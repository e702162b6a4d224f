import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ProductsRepository, RefreshTokensRepository, UsersRepository } from '@mercato/core';
import { DataSource } from 'typeorm';
import { TypeormRefreshTokensRepository } from './auth/typeorm-refresh-tokens.repository';
import { createDataSource, type DatabaseOptions } from './data-source';
import { DatabaseStatus } from './database-status';
import { TypeormProductsRepository } from './products/typeorm-products.repository';
import { TypeormUsersRepository } from './users/typeorm-users.repository';

/** Where to connect: provided once per app by its configuration, so any module can import DataModule. */
export const DATABASE_OPTIONS = Symbol('DATABASE_OPTIONS');

const providers = [
  {
    provide: DataSource,
    inject: [DATABASE_OPTIONS],
    useFactory: (options: DatabaseOptions) => createDataSource(options).initialize(),
  },
  { provide: DatabaseStatus, inject: [DataSource], useFactory: (db: DataSource) => new DatabaseStatus(db) },
  { provide: UsersRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormUsersRepository(db) },
  { provide: RefreshTokensRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormRefreshTokensRepository(db) },
  { provide: ProductsRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormProductsRepository(db) },
];

/**
 * Core's repository ports, implemented with TypeORM, so services and guards ask for `UsersRepository` and never
 * see TypeORM. One static module: every module that imports it shares the app's one DataSource.
 */
@Module({ providers, exports: [DatabaseStatus, UsersRepository, RefreshTokensRepository, ProductsRepository] })
export class DataModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
