import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { freePort } from '@mercato/data';
import { ROOT } from '@mercato/testing';
import { demoOrders } from '../seed/demo-orders';
import { DEMO_PRODUCTS } from './demo-data';

/** `npm start` exactly as the README's quick start runs it: no DATABASE_URL, no REDIS_URL, embedded PostgreSQL. */
interface Launch {
  child: ChildProcess;
  output: string;
}

let dataDir: string;
let ports: Record<string, number>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'mercato-start-'));
  chmodSync(dataDir, 0o755); // the embedded PostgreSQL runs as its own user below this folder
  ports = {
    MERCATO_PG_PORT: await freePort(),
    USERS_API_PORT: await freePort(),
    PRODUCTS_API_PORT: await freePort(),
    MCP_GATEWAY_PORT: await freePort(),
    ORDERS_API_PORT: await freePort(),
  };
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function launch(): Promise<Launch> {
  const env: NodeJS.ProcessEnv = { ...process.env, MERCATO_DATA_DIR: dataDir, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'JWT_PRIVATE_KEY', 'JWT_PUBLIC_KEY', 'NODE_ENV']) delete env[key];
  const child = spawn(process.execPath, ['-r', join(ROOT, 'tools/register.cjs'), join(ROOT, 'tools/launcher/start.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const launched: Launch = { child, output: '' };
  child.stdout?.on('data', (chunk: Buffer) => (launched.output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (launched.output += chunk.toString()));
  for (const started = Date.now(); !launched.output.includes('Press Ctrl-C to stop.'); await new Promise((r) => setTimeout(r, 200))) {
    if (child.exitCode !== null || Date.now() - started > 90_000) {
      // Never leave the launcher (and the services and database it runs) holding the ports.
      if (child.exitCode === null) await stop(launched).catch(() => undefined);
      throw new Error(`npm start did not come up:\n${launched.output}`);
    }
  }
  return launched;
}

/** Ctrl-C: the launcher and the embedded PostgreSQL's own exit hook both stop the cluster, so 0 or 130. */
async function stop({ child }: Launch): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGINT');
  const [code] = (await exited) as [number | null];
  expect([0, 130]).toContain(code);
  for (const port of Object.values(ports)) await expect(listening(port)).resolves.toBe(false);
}

/** Whether anything still accepts connections on the port (a service or the database left behind). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function adminToken(): Promise<string> {
  const login = await fetch(`http://127.0.0.1:${ports['USERS_API_PORT']}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Admin1234' }),
  });
  return ((await login.json()) as { access_token: string }).access_token;
}

/** The last 30 days' sales as orders-api reports them to an admin. */
async function monthOfSales(): Promise<{ items: { period: string; orders: number }[]; totals: { orders: number } }> {
  const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const res = await fetch(`http://127.0.0.1:${ports['ORDERS_API_PORT']}/api/v1/analytics/sales?from=${day(30)}&to=${day(0)}`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { period: string; orders: number }[]; totals: { orders: number } };
}

/** The JSON block the launcher prints under "MCP client config". */
function printedClientConfig(output: string): { url: string; headers: Record<string, string> } {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('MCP client config'));
  const end = lines.findIndex((l, i) => i > start && l === '  }');
  const config = JSON.parse(lines.slice(start + 1, end + 1).join('\n')) as { mcpServers: { mercato: { url: string; headers: Record<string, string> } } };
  return config.mcpServers.mercato;
}

it('starts the whole platform on an embedded PostgreSQL, prints a working MCP client config, and keeps its data across restarts', async () => {
  const first = await launch();
  let created: { id: number };
  try {
    expect(first.output).toContain('migrated: ');
    const products = `http://127.0.0.1:${ports['PRODUCTS_API_PORT']}/api/v1/products`;
    expect(((await (await fetch(`${products}?limit=1`)).json()) as { total: number }).total).toBe(DEMO_PRODUCTS);

    const { url, headers } = printedClientConfig(first.output);
    expect(url).toBe(`http://localhost:${ports['MCP_GATEWAY_PORT']}/mcp`);
    const agent = new Client({ name: 'launcher-test', version: '1.0.0' });
    await agent.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    try {
      expect((await agent.callTool({ name: 'whoami', arguments: {} })).structuredContent).toMatchObject({ username: 'demo', role: 'user' });
    } finally {
      await agent.close();
    }

    const res = await fetch(products, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await adminToken()}` },
      body: JSON.stringify({ name: 'Kept Across Restarts', price: 3 }),
    });
    expect(res.status).toBe(201);
    created = (await res.json()) as { id: number };

    // demo orders spread over the month, the canceled ones left out of the figures
    const sales = await monthOfSales();
    expect(sales.totals.orders).toBe(demoOrders().filter((o) => o.status !== 'canceled').length);
    expect(sales.items.length).toBeGreaterThan(10);
    expect(first.output).toContain(`http://localhost:${ports['ORDERS_API_PORT']}/docs`);
  } finally {
    await stop(first);
  }

  const second = await launch();
  try {
    expect(second.output).toContain('database schema is up to date');
    const again = await fetch(`http://127.0.0.1:${ports['PRODUCTS_API_PORT']}/api/v1/products/${created.id}`);
    expect(((await again.json()) as { name: string }).name).toBe('Kept Across Restarts');
    // seeded once: a restart adds no orders
    expect((await monthOfSales()).totals.orders).toBe(demoOrders().filter((o) => o.status !== 'canceled').length);
    // the key pair is kept with the data, so the config printed by the first run still verifies
    const { url, headers } = printedClientConfig(first.output);
    const agent = new Client({ name: 'launcher-test', version: '1.0.0' });
    await agent.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    await agent.close();
  } finally {
    await stop(second);
  }
}, 240_000);
