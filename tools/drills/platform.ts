import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort, migrate, startEmbeddedPostgres, type EmbeddedPostgresOptions, type RunningPostgres } from '@mercato/data';
import { spawnService, stopService, testKeys, waitUntilReady } from '@mercato/testing';
import { bundleOf } from './bundles';
import { startDrillRedis, type DrillRedis } from './redis-server';

export interface DrillService {
  name: string;
  url: string;
  child: ChildProcess;
  /** True while the process that started is still the one running: nothing restarted it. */
  alive(): boolean;
}

/** The drills' own PostgreSQL (embedded), Redis (when there is a redis-server) and services run from their bundles. */
export interface DrillPlatform {
  databaseUrl: string;
  redis?: DrillRedis;
  /** A service from its production bundle, in production mode, on a free loopback port; ready when returned. */
  startService(name: string, env?: Record<string, string>): Promise<DrillService>;
  stopPostgres(): Promise<void>;
  startPostgres(): Promise<void>;
  stop(): Promise<void>;
}

export async function startDrillPlatform({ withRedis }: { withRedis: boolean }): Promise<DrillPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'mercato-drills-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL, running as its own user when we are root, keeps its files below it
  // Persistent, so that stopping it for a drill keeps the cluster; the folder goes when the drills end.
  const pgOptions: EmbeddedPostgresOptions = {
    dataDir: join(dir, 'postgres'),
    port: await freePort(),
    password: randomBytes(12).toString('base64url'),
    database: 'mercato_drills',
    persistent: true,
    durable: false,
  };
  let pg: RunningPostgres | undefined;
  let redis: DrillRedis | undefined;
  try {
    pg = await startEmbeddedPostgres(pgOptions);
    await migrate(pg.url);
    redis = withRedis ? await startDrillRedis() : undefined;
  } catch (error) {
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const databaseUrl = pg.url;
  const keys = testKeys();
  const children: ChildProcess[] = [];

  return {
    databaseUrl,
    redis,
    async startService(name, env = {}) {
      const port = await freePort();
      // Only what a deployment would set: nothing of this shell's own DATABASE_URL or REDIS_URL leaks in.
      const child = spawnService(
        { name, entry: bundleOf(name) },
        {
          PATH: process.env['PATH'],
          NODE_ENV: 'production',
          // Every 503 of a drill would otherwise be logged; a crash is still printed.
          LOG_LEVEL: 'fatal',
          HOST: '127.0.0.1',
          PORT: String(port),
          DATABASE_URL: databaseUrl,
          ...(redis ? { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'mercato-drills:' } : {}),
          JWT_PUBLIC_KEY: keys.publicKey,
          ...(name === 'users-api' ? { JWT_PRIVATE_KEY: keys.privateKey } : {}),
          ...env,
        },
      );
      children.push(child);
      const alive = () => child.exitCode === null && child.signalCode === null;
      await waitUntilReady(port, () => !alive());
      if (!alive()) throw new Error(`${name} exited (${child.exitCode ?? child.signalCode}) before becoming ready; its output is above`);
      return { name, url: `http://127.0.0.1:${port}`, child, alive };
    },
    async stopPostgres() {
      await pg?.stop();
      pg = undefined;
    },
    async startPostgres() {
      pg = await startEmbeddedPostgres(pgOptions);
    },
    async stop() {
      await Promise.all(children.map(stopService));
      await redis?.stop();
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
