import { type DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_OPTIONS, type DatabaseOptions } from '@mercato/data';
import { SERVICE_INFO, type ServiceInfo } from '../service-info';
import { loadConfig } from './load-config';
import { ServerConfig } from './server-config';
import { findVersion } from './version';

/**
 * Global, with logging the only global module: the validated environment under the app's class and under
 * ServerConfig, who this service is, and where its database is, which every module that imports DataModule needs.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot<T extends ServerConfig>(cls: new () => T, service: Omit<ServiceInfo, 'version'>): DynamicModule {
    // Read when the app is created, not when the module is imported, so each app instance sees its environment.
    const providers = [
      { provide: cls, useFactory: () => loadConfig(cls) },
      ...(cls === (ServerConfig as unknown) ? [] : [{ provide: ServerConfig, useExisting: cls }]),
      { provide: SERVICE_INFO, inject: [cls], useFactory: (c: T): ServiceInfo => ({ ...service, version: findVersion(c.APP_VERSION) }) },
      {
        provide: DATABASE_OPTIONS,
        inject: [cls],
        useFactory: (c: T): DatabaseOptions => ({ url: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE, applicationName: service.name }),
      },
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
