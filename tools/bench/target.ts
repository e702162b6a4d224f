import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { migrate, startEmbeddedPostgres, type RunningPostgres } from '@mercato/data';
import { APPS } from '../launcher/apps';
import { localSecrets } from '../launcher/local-secrets';
import { spawnService, stopService, waitUntilReady } from '../launcher/processes';

export interface BenchTarget {
  databaseUrl: string;
  baseUrl(app: string): string;
  stop(): Promise<void>;
}

const BENCH_PORT_OFFSET = 100; // 3101…: never collides with a running `npm start`

/**
 * The services under test, run as separate processes (as in production) with logging at `warn`, on
 * DATABASE_URL / REDIS_URL when set or on a throwaway embedded PostgreSQL.
 */
export async function startTarget(): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'mercato-bench-'));
  const secrets = localSecrets(dir);
  let pg: RunningPostgres | undefined;
  let databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    pg = await startEmbeddedPostgres({ dataDir: join(dir, 'postgres'), port: 54399, password: secrets.pgPassword, database: 'mercato_bench', persistent: false, durable: true });
    databaseUrl = pg.url;
  }
  await migrate(databaseUrl);
  const children: ChildProcess[] = [];
  for (const app of APPS) {
    const port = app.port + BENCH_PORT_OFFSET;
    children.push(
      spawnService(app, {
        ...process.env,
        NODE_ENV: 'production',
        LOG_LEVEL: 'warn',
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        JWT_PUBLIC_KEY: secrets.publicKey,
        ...(app.signsTokens ? { JWT_PRIVATE_KEY: secrets.privateKey } : {}),
        REDIS_KEY_PREFIX: `mercato-bench:${process.pid}:`,
      }),
    );
    await waitUntilReady(port);
  }
  return {
    databaseUrl,
    baseUrl: (name) => `http://127.0.0.1:${(APPS.find((a) => a.name === name)?.port ?? 0) + BENCH_PORT_OFFSET}`,
    stop: async () => {
      await Promise.all(children.map(stopService));
      await pg?.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
