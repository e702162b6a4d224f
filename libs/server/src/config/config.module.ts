import { type DynamicModule, Global, Module } from '@nestjs/common';
import { loadConfig } from './load-config';
import { ServerConfig } from './server-config';

/** Validates the environment once per app and provides the result under the app's class and under ServerConfig. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot<T extends ServerConfig>(cls: new () => T): DynamicModule {
    // Read when the app is created, not when the module is imported, so each app instance sees its environment.
    const providers = [
      { provide: cls, useFactory: () => loadConfig(cls) },
      ...(cls === (ServerConfig as unknown) ? [] : [{ provide: ServerConfig, useExisting: cls }]),
    ];
    return { module: ConfigModule, providers, exports: providers.map((p) => p.provide) };
  }
}
