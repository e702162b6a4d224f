import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { createScratchDatabase, migrate, startEmbeddedPostgres, type RunningPostgres, type TestDatabase } from '@mercato/data';
import { APPS, appNamed, type LaunchedApp } from '../launcher/apps';
import { seedCatalog } from '../seed/seed-catalog';
import { localSecrets } from '../launcher/local-secrets';
import { spawnService, stopService, waitUntilReady } from '@mercato/testing';

export interface BenchTarget {
  databaseUrl: string;
  baseUrl(app: string): string;
  /** The gateway's resource: a sign-in naming it gets the token /mcp accepts (every gateway instance here is this one resource). */
  mcpResource: string;
  /** One more instance of a service, with some settings changed (e.g. without Redis); returns its base URL. */
  startVariant(app: string, env: Record<string, string>, port: number): Promise<string>;
  stop(): Promise<void>;
}

const BENCH_PORT_OFFSET = 100; // 3101…: never collides with a running `npm start`
export const CATALOG_SIZE = 100_000;

/**
 * The services under test, run as separate processes (as in production) with logging at `warn`, on a
 * database of their own on DATABASE_URL's server (dropped afterwards) and REDIS_URL when set, or on a
 * throwaway embedded PostgreSQL.
 */
export async function startTarget({ catalogSize = CATALOG_SIZE } = {}): Promise<BenchTarget> {
  const dir = mkdtempSync(join(tmpdir(), 'mercato-target-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL, running as its own user, keeps its files below it
  const secrets = localSecrets(dir);
  let pg: RunningPostgres | undefined;
  let scratch: TestDatabase | undefined;
  let databaseUrl: string;
  const server = process.env['DATABASE_URL'];
  if (server) {
    scratch = await createScratchDatabase(server, 'target');
    databaseUrl = scratch.url;
  } else {
    pg = await startEmbeddedPostgres({
      dataDir: join(dir, 'postgres'),
      port: 54399,
      password: secrets.pgPassword,
      database: 'mercato_bench',
      persistent: false,
      durable: true,
    });
    databaseUrl = pg.url;
  }
  await migrate(databaseUrl);
  await seedCatalog(databaseUrl, catalogSize);
  const gatewayUrl = `http://127.0.0.1:${appNamed('mcp-gateway').port + BENCH_PORT_OFFSET}`;
  const children: ChildProcess[] = [];
  const start = async (app: LaunchedApp, port: number, overrides: Record<string, string> = {}) => {
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
        // The gateway's address names the resource it accepts tokens for; users-api issues them for the same one.
        PUBLIC_URL: gatewayUrl,
        MCP_RESOURCE_URL: `${gatewayUrl}/mcp`,
        // A sign-in holds a point of its (account, address) budget while it is checked; the login scenario signs
        // one account in over many connections from one address, and measures hashing, not the throttle.
        LOGIN_MAX_FAILURES: '100000',
        LOGIN_MAX_FAILURES_PER_ACCOUNT: '100000',
        LOGIN_MAX_FAILURES_PER_CLIENT: '100000',
        ...overrides,
      }),
    );
    await waitUntilReady(port);
    return `http://127.0.0.1:${port}`;
  };
  for (const app of APPS) await start(app, app.port + BENCH_PORT_OFFSET);
  return {
    databaseUrl,
    baseUrl: (name) => `http://127.0.0.1:${appNamed(name).port + BENCH_PORT_OFFSET}`,
    mcpResource: `${gatewayUrl}/mcp`,
    startVariant: (name, env, port) => start(appNamed(name), port, env),
    stop: async () => {
      await Promise.all(children.map(stopService));
      await pg?.stop();
      await scratch?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
