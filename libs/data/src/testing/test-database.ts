import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrate } from '../data-source';
import { startEmbeddedPostgres, type RunningPostgres } from '../embedded/embedded-postgres';
import { freePort } from '../embedded/ports';

/**
 * Each test suite gets its own database, cloned from a template migrated once per test run, so suites run
 * in parallel and in any order. The server is DATABASE_URL's (CI) or an embedded one started for the run.
 */
const SERVER_ENV = 'MERCATO_TEST_SERVER_URL';
const TEMPLATE_ENV = 'MERCATO_TEST_TEMPLATE';
const PREFIX = 'mercato_t_';

let embedded: (RunningPostgres & { dataDir: string }) | undefined;

export async function startTestDatabaseServer(): Promise<void> {
  let serverUrl = process.env['DATABASE_URL'];
  if (!serverUrl) {
    const dataDir = mkdtempSync(join(tmpdir(), 'mercato-test-pg-'));
    const pg = await startEmbeddedPostgres({ dataDir, port: await freePort(), password: 'test', database: 'postgres', persistent: false, durable: false });
    embedded = { ...pg, dataDir };
    serverUrl = pg.url;
  }
  const template = `${PREFIX}tpl_${process.pid}`;
  await withAdminClient(serverUrl, async (db) => {
    await dropStaleDatabases(db);
    await db.query(`DROP DATABASE IF EXISTS ${template}`);
    await db.query(`CREATE DATABASE ${template}`);
  });
  await migrate(databaseUrl(serverUrl, template));
  process.env[SERVER_ENV] = serverUrl;
  process.env[TEMPLATE_ENV] = template;
}

export async function stopTestDatabaseServer(): Promise<void> {
  const serverUrl = process.env[SERVER_ENV];
  if (serverUrl) await withAdminClient(serverUrl, (db) => db.query(`DROP DATABASE IF EXISTS ${process.env[TEMPLATE_ENV]}`));
  if (embedded) {
    await embedded.stop();
    rmSync(embedded.dataDir, { recursive: true, force: true });
  }
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

let created = 0;

/** A fresh, migrated database for one suite; call `drop()` in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env[SERVER_ENV];
  const template = process.env[TEMPLATE_ENV];
  if (!serverUrl || !template) throw new Error('The test database server is not running: add the data global setup to jest.config.js');
  const name = `${PREFIX}${process.pid}_${++created}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdminClient(serverUrl, async (db) => {
    // Postgres refuses to copy a template while another CREATE DATABASE reads it; suites starting together retry.
    for (let attempt = 0; ; attempt++) {
      try {
        await db.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
      }
    }
  });
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => withAdminClient(serverUrl, (db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * An empty database of its own on a real server, for a tool run (benchmarks, conformance) that must not write
 * into the database DATABASE_URL names; call `drop()` when done.
 */
export async function createScratchDatabase(serverUrl: string, label: string): Promise<TestDatabase> {
  const name = `mercato_${label.replace(/\W/g, '_')}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdminClient(serverUrl, (db) => db.query(`CREATE DATABASE ${name}`));
  return {
    url: databaseUrl(serverUrl, name),
    drop: () => withAdminClient(serverUrl, (db) => db.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withAdminClient<T>(serverUrl: string, work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: serverUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** Databases left by runs that crashed; their names carry the pid of the run that made them. */
async function dropStaleDatabases(db: Client): Promise<void> {
  const { rows } = await db.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%'`);
  for (const { datname } of rows) {
    const pid = Number(/_(\d+)(_|$)/.exec(datname.slice(PREFIX.length - 1))?.[1]);
    if (pid && !isAlive(pid)) await db.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
