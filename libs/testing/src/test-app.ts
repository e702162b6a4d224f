import { randomBytes } from 'node:crypto';
import type { Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createTestDatabase, type TestDatabase } from '@mercato/data';
import { createApp } from '@mercato/server';
import supertest from 'supertest';
import { testKeys } from './keys';

export interface TestApp {
  app: NestFastifyApplication;
  /** Base URL of the app listening on an ephemeral loopback port. */
  url: string;
  http: ReturnType<typeof supertest>;
  database: TestDatabase;
  env: Record<string, string>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  /** Reuse another app's database (to test two instances, or two services, over one database). */
  database?: TestDatabase;
  /** The interface to listen on; `::` serves IPv4 callers as IPv4-mapped addresses, as containers do. */
  host?: string;
  /** A port chosen beforehand, when another setting must name the app's address; an ephemeral one otherwise. */
  port?: number;
}

/**
 * The one test-app factory: a real app on the real HTTP stack, its own database (cloned from the migrated
 * template), Redis when REDIS_URL is set (under a key prefix of its own), and a fresh signing key pair.
 */
export async function startTestApp(module: Type<unknown>, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const keys = testKeys();
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_KEY_PREFIX: `mercato-test:${randomBytes(4).toString('hex')}:`,
    JWT_PRIVATE_KEY: keys.privateKey,
    JWT_PUBLIC_KEY: keys.publicKey,
    ...options.env,
  };
  const app = await withEnv(env, () => createApp(module));
  await app.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  const url = await app.getUrl();
  return {
    app,
    url,
    http: supertest(app.getHttpServer()),
    database,
    env,
    close: async () => {
      await app.close();
      if (!options.database) await database.drop();
    },
  };
}

let envInUse: Promise<unknown> = Promise.resolve();

/**
 * Config is read from process.env when the app is created; set it for exactly that moment. One app at a time:
 * two created at once (`Promise.all`) would otherwise read each other's settings.
 */
function withEnv<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const turn = envInUse.then(() => withEnvNow(env, work));
  envInUse = turn.catch(() => undefined);
  return turn;
}

async function withEnvNow<T>(env: Record<string, string>, work: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return await work();
  } finally {
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
