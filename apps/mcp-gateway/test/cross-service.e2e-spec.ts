import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Role, systemActor, UsersService } from '@mercato/core';
import { createTestDatabase, type TestDatabase } from '@mercato/data';
import { startServiceProcess, startTestApp, type ServiceProcess, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { connectAs } from './mcp-client';
import { problem } from './tool-results';

/** users-api and products-api run as their own processes; the gateway shares their database and Redis. */
let database: TestDatabase;
let gateway: TestApp;
const services: ServiceProcess[] = [];
let usersApi: string;
let productsApi: string;

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${usersApi}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const prefix = `mercato-test:cross:${process.pid}:`;
  // settled, not all: if one fails to come up, the other is still kept for afterAll to stop
  const started = await Promise.allSettled(
    ['users-api', 'products-api'].map((name) => startServiceProcess(name, { database, env: { REDIS_KEY_PREFIX: prefix } })),
  );
  for (const result of started) if (result.status === 'fulfilled') services.push(result.value);
  for (const result of started) if (result.status === 'rejected') throw result.reason;
  [usersApi, productsApi] = services.map((service) => service.url);
  gateway = await startTestApp(McpGatewayModule, { database, env: { REDIS_KEY_PREFIX: prefix } });
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await Promise.all(services.map((service) => service.stop()));
  await database?.drop();
});

async function account(role: Role, name: string): Promise<{ id: number; token: string }> {
  const password = 'Cross1234';
  const user = await gateway.app.get(UsersService).create(systemActor('test setup'), { email: `${name}@example.com`, username: name, password }, role);
  return { id: user.id, token: await login(name, password) };
}

describe('REST and MCP over one platform', () => {
  let admin: { id: number; token: string };
  let agent: Client;
  beforeAll(async () => {
    admin = await account('admin', 'cross-admin');
    agent = await connectAs(gateway.url, admin.token);
  });
  afterAll(() => agent.close());

  it('reads through MCP a product created through products-api', async () => {
    const res = await fetch(`${productsApi}/api/v1/products`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin.token}` },
      body: JSON.stringify({ name: 'Bridge Lamp', price: 49, stock: 4 }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: number };
    const viaMcp = await agent.callTool({ name: 'get_product', arguments: { id: created.id } });
    expect(viaMcp.structuredContent).toMatchObject({ id: created.id, name: 'Bridge Lamp', stock: 4 });
  });

  it('shows REST a stock change made through MCP at once, cache included', async () => {
    const { id } = (await agent.callTool({ name: 'create_product', arguments: { name: 'Shared Kettle', price: 30, stock: 10 } })).structuredContent as {
      id: number;
    };
    const read = async () => ((await (await fetch(`${productsApi}/api/v1/products/${id}`)).json()) as { stock: number }).stock;
    expect(await read()).toBe(10); // now cached by products-api when Redis is on
    await agent.callTool({ name: 'adjust_stock', arguments: { id, quantity: -3 } });
    expect(await read()).toBe(7);
  });

  it('refuses a guest changing its own account through users-api and through MCP alike', async () => {
    const guest = await account('guest', 'cross-guest');
    const rest = await fetch(`${usersApi}/api/v1/users/${guest.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${guest.token}` },
      body: JSON.stringify({ full_name: 'Not Allowed' }),
    });
    expect(rest.status).toBe(403);
    const restProblem = (await rest.json()) as { type: string; detail: string };
    const client = await connectAs(gateway.url, guest.token);
    try {
      const viaMcp = await client.callTool({ name: 'update_user', arguments: { id: guest.id, full_name: 'Not Allowed' } });
      expect(viaMcp.isError).toBe(true);
      expect(problem(viaMcp)).toMatchObject({ type: 'forbidden', detail: restProblem.detail });
      expect(restProblem.type).toBe('/problems/forbidden');
    } finally {
      await client.close();
    }
  });

  it('refuses at the gateway a user deactivated through users-api', async () => {
    const user = await account('user', 'cross-user');
    const client = await connectAs(gateway.url, user.token);
    await client.callTool({ name: 'whoami', arguments: {} });
    const res = await fetch(`${usersApi}/api/v1/users/${user.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(204);
    await expect(client.callTool({ name: 'whoami', arguments: {} })).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/no longer valid/) });
    await client.close();
  });
});
