// npm start: the whole platform on one machine. Embedded PostgreSQL unless DATABASE_URL is set; Redis only if REDIS_URL is.
import type { ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { migrate, startEmbeddedPostgres, type RunningPostgres } from '@mercato/data';
import { APPS, appNamed, type LaunchedApp } from './apps';
import { DEMO_ACCOUNTS, DEMO_BUYER, DEMO_ORDER_COUNT, DEMO_PRODUCTS, seedDemoData } from './demo-data';
import { demoClientConfig } from './client-config';
import { localSecrets } from './local-secrets';
import { mcpResourceUrl, portOf as portIn, serviceEnv } from './service-env';
import { ROOT, spawnService, stopService, waitUntilReady } from '@mercato/testing';

const dataDir = resolve(process.env['MERCATO_DATA_DIR'] ?? join(ROOT, '.mercato'));
const children = new Map<string, ChildProcess>();
let database: RunningPostgres | undefined;
let stopping = false;

async function main(): Promise<void> {
  const began = Date.now();
  const secrets = localSecrets(dataDir);
  let databaseUrl = process.env['DATABASE_URL'];
  if (!databaseUrl) {
    const port = Number(process.env['MERCATO_PG_PORT'] ?? 54329);
    say(`starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${join(dataDir, 'postgres')})`);
    database = await startEmbeddedPostgres({
      dataDir: join(dataDir, 'postgres'),
      port,
      password: secrets.pgPassword,
      database: 'mercato',
      persistent: true,
      durable: true,
    });
    databaseUrl = database.url;
  }
  const applied = await migrate(databaseUrl);
  say(applied.length ? `migrated: ${applied.join(', ')}` : 'database schema is up to date');
  if (database) await seedDemoData(databaseUrl);

  const platform = { databaseUrl, publicKey: secrets.publicKey, signingKey: secrets.privateKey };
  for (const app of APPS) start(app, serviceEnv(app, platform, process.env));
  await Promise.all(APPS.map((app) => waitUntilReady(portOf(app), () => stopping)));
  const ready = Date.now() - began;
  const mcp = { url: `http://localhost:${portOf(appNamed('mcp-gateway'))}/mcp`, resource: mcpResourceUrl(process.env) };
  const demoUser = DEMO_ACCOUNTS.find((a) => a.role === 'user');
  const clientConfig = database && demoUser ? await demoClientConfig(`http://127.0.0.1:${portOf(appNamed('users-api'))}`, mcp, demoUser) : [];
  printSummary(ready, Boolean(database), mcp, clientConfig);
}

function start(app: LaunchedApp, env: NodeJS.ProcessEnv): void {
  const child = spawnService(app, env);
  children.set(app.name, child);
  child.on('exit', (code) => {
    children.delete(app.name);
    if (!stopping) {
      say(`${app.name} exited (code ${code}); stopping the platform`);
      void shutdown(1);
    }
  });
}

function printSummary(ms: number, embedded: boolean, mcp: { url: string; resource: string }, clientConfig: string[]): void {
  const lines = [``, `Mercato is running (ready in ${(ms / 1000).toFixed(1)} s):`];
  for (const app of APPS) {
    const base = `http://localhost:${portOf(app)}`;
    lines.push(`  ${app.name.padEnd(14)} ${base}   docs ${base}/docs   OpenAPI ${base}/docs-json`);
  }
  if (embedded) {
    lines.push(``, `Demo accounts (embedded database only):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`  ${a.role.padEnd(6)} username ${a.username.padEnd(6)} password ${a.password}`);
    lines.push(`  catalog: ${DEMO_PRODUCTS} demo products; orders: ${DEMO_ORDER_COUNT} by ${DEMO_BUYER} over the last 30 days`);
    lines.push(
      ``,
      `Try: curl -s -X POST http://localhost:${portOf(APPS[0])}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"demo","password":"Demo12345"}'`,
    );
    lines.push(`     curl -s 'http://localhost:${portOf(APPS[1])}/api/v1/products?search=creme&limit=3'`);
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    lines.push(
      `     # sales of the last 30 days, which only an admin may see:`,
      `     TOKEN=$(curl -s -X POST http://localhost:${portOf(APPS[0])}/api/v1/auth/login -H 'content-type: application/json' -d '{"username":"admin","password":"Admin1234"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')`,
      `     curl -s 'http://localhost:${portOf(appNamed('orders-api'))}/api/v1/analytics/sales?from=${day(30)}&to=${day(0)}' -H "authorization: Bearer $TOKEN"`,
    );
  }
  lines.push(
    ``,
    `MCP (Streamable HTTP): add ${mcp.url} to your MCP client with no token; it signs you in through your browser (OAuth).`,
    `Or send a gateway access token as Bearer: POST /api/v1/auth/login with "resource": "${mcp.resource}".`,
  );
  if (clientConfig.length) lines.push(...clientConfig);
  lines.push(``, `Press Ctrl-C to stop.`);
  console.log(lines.join('\n'));
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all([...children.values()].map(stopService));
  await database?.stop().catch(() => undefined);
  process.exit(code);
}

function portOf(app: LaunchedApp): number {
  return portIn(app, process.env);
}

function say(message: string): void {
  console.log(`[mercato] ${message}`);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch((error: unknown) => {
  console.error(`[mercato] could not start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
