import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { createScratchDatabase, migrate, startEmbeddedPostgres, type RunningPostgres, type TestDatabase } from '@mercato/data';
import { APPS, appNamed, type LaunchedApp } from '../launcher/apps';
import { seedCatalog } from '../seed/seed-catalog';
import { localSecrets } from '../launcher/local-secrets';
import { performance } from 'node:perf_hooks';
import { ROOT, spawnService, stopService } from '@mercato/testing';
import { bundleOf, ensureBundles } from '../drills/bundles';
import { timeToReady } from './service-stats';

export interface BenchTarget {
  databaseUrl: string;
  baseUrl(app: string): string;
  /** The gateway's resource: a sign-in naming it gets the token /mcp accepts (every gateway instance here is this one resource). */
  mcpResource: string;
  /** Each service's process, and how long it took from its spawn to answering ready. */
  services: { name: string; pid?: number; timeToReadyMs: number }[];
  stop(): Promise<void>;
}

const BENCH_PORT_OFFSET = 100; // 3101…: never collides with a running `npm start`
export const CATALOG_SIZE = 100_000;

export interface TargetOptions {
  catalogSize?: number;
  /** Run the production bundles (dist/apps/<name>/main.js, built first when stale), as the images do; else the sources. */
  fromBundles?: boolean;
  /** Added to every service's environment. */
  env?: Record<string, string>;
}

/**
 * The services under test, run as separate processes (as in production) with logging at `warn`, on a
 * database of their own on DATABASE_URL's server (dropped afterwards) and REDIS_URL when set, or on a
 * throwaway embedded PostgreSQL. Started one after another, so each one's time to ready is its own.
 */
export async function startTarget({ catalogSize = CATALOG_SIZE, fromBundles = false, env = {} }: TargetOptions = {}): Promise<BenchTarget> {
  if (fromBundles) ensureBundles(APPS.map((app) => app.name));
  const dir = mkdtempSync(join(tmpdir(), 'mercato-target-'));
  chmodSync(dir, 0o755); // the embedded PostgreSQL, running as its own user, keeps its files below it
  const secrets = localSecrets(dir);
  const compileCache = fromBundles ? warmCompileCache(join(dir, 'compile-cache')) : {};
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
  const services: BenchTarget['services'] = [];
  const start = async (app: LaunchedApp, port: number) => {
    const spawnedAt = performance.now();
    const child = spawnService(fromBundles ? { name: app.name, entry: bundleOf(app.name) } : app, {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_PUBLIC_KEY: secrets.publicKey,
      ...(app.signsTokens ? { JWT_PRIVATE_KEY: secrets.privateKey } : {}),
      ...compileCache,
      REDIS_KEY_PREFIX: `mercato-bench:${process.pid}:`,
      // The gateway's address names the resource it accepts tokens for; users-api issues them for the same one.
      PUBLIC_URL: gatewayUrl,
      MCP_RESOURCE_URL: `${gatewayUrl}/mcp`,
      // A sign-in holds a point of its (account, address) budget while it is checked; the login scenario signs
      // one account in over many connections from one address, and measures hashing, not the throttle.
      LOGIN_MAX_FAILURES: '100000',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: '100000',
      LOGIN_MAX_FAILURES_PER_CLIENT: '100000',
      ...env,
    });
    children.push(child);
    services.push({ name: app.name, pid: child.pid, timeToReadyMs: await timeToReady(child, port, spawnedAt) });
  };
  const stop = async () => {
    await Promise.all(children.map(stopService));
    await pg?.stop();
    await scratch?.drop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const app of APPS) await start(app, app.port + BENCH_PORT_OFFSET);
  } catch (error) {
    await stop(); // never leave the services that did come up running
    throw error;
  }
  return {
    databaseUrl,
    baseUrl: (name) => `http://127.0.0.1:${appNamed(name).port + BENCH_PORT_OFFSET}`,
    mcpResource: `${gatewayUrl}/mcp`,
    services,
    stop,
  };
}

/**
 * The images ship V8's compiled code for their dependencies (the Dockerfile's deps stage runs the same script), so
 * a bundle timed here starts from a cache warmed the same way, fresh for each run.
 */
function warmCompileCache(cacheDir: string): { NODE_COMPILE_CACHE: string } {
  const env = { ...process.env, NODE_COMPILE_CACHE: cacheDir };
  for (const app of APPS) {
    execFileSync(process.execPath, [join(ROOT, 'tools/deploy/warm-compile-cache.cjs'), dirname(join(ROOT, bundleOf(app.name)))], { env, stdio: 'ignore' });
  }
  return { NODE_COMPILE_CACHE: cacheDir };
}
