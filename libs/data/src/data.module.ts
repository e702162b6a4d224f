import { type DynamicModule, Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { ProductsRepository, RefreshTokensRepository, UsersRepository } from '@mercato/core';
import { DataSource } from 'typeorm';
import { TypeormRefreshTokensRepository } from './auth/typeorm-refresh-tokens.repository';
import { createDataSource, type DatabaseOptions } from './data-source';
import { TypeormProductsRepository } from './products/typeorm-products.repository';
import { TypeormUsersRepository } from './users/typeorm-users.repository';

export interface DataModuleOptions {
  inject?: unknown[];
  useFactory: (...deps: never[]) => DatabaseOptions;
}

/**
 * Provides the DataSource and, under core's port classes, the repositories that implement them,
 * so services and guards ask for `UsersRepository` and never see TypeORM.
 */
@Global()
@Module({})
export class DataModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  static forRootAsync(options: DataModuleOptions): DynamicModule {
    const providers = [
      {
        provide: DataSource,
        inject: options.inject as never[],
        useFactory: (...deps: never[]) => createDataSource(options.useFactory(...deps)).initialize(),
      },
      { provide: UsersRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormUsersRepository(db) },
      {
        provide: RefreshTokensRepository,
        inject: [DataSource],
        useFactory: (db: DataSource) => new TypeormRefreshTokensRepository(db),
      },
      { provide: ProductsRepository, inject: [DataSource], useFactory: (db: DataSource) => new TypeormProductsRepository(db) },
    ];
    return { module: DataModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
