import { type DynamicModule, Global, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { UnitOfWork } from '@mercato/core';
import { DataSource } from 'typeorm';
import { createDataSource, type DatabaseOptions } from './data-source';
import { repositoryBindings } from './repository-bindings';
import { TypeormUnitOfWork } from './typeorm-unit-of-work';

export interface DataModuleOptions {
  inject?: unknown[];
  useFactory: (...deps: never[]) => DatabaseOptions;
}

/**
 * Provides the DataSource and, under core's port classes, the repositories that implement them and the unit of
 * work, so services and guards ask for `UsersRepository` or `UnitOfWork` and never see TypeORM.
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
      ...Object.values(repositoryBindings).map(({ port, build }) => ({
        provide: port,
        inject: [DataSource],
        useFactory: (db: DataSource) => build(db.manager),
      })),
      { provide: UnitOfWork, inject: [DataSource], useFactory: (db: DataSource) => new TypeormUnitOfWork(db) },
    ];
    return { module: DataModule, providers, exports: providers.map((p) => p.provide) };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
