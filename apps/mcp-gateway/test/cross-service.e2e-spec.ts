import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { type Role, systemActor, UsersService } from '@mercato/core';
import { createTestDatabase, type TestDatabase } from '@mercato/data';
import { audienceOf, startServiceProcess, startTestApp, type ServiceProcess, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { connectAs } from './mcp-client';
import { problem } from './tool-results';

/** users-api and products-api run as their own processes; the gateway shares their database and Redis. */
let database: TestDatabase;
let gateway: TestApp;
const services: ServiceProcess[] = [];
let usersApi: string;
let productsApi: string;

interface Tokens {
  access_token: string;
  refresh_token: string;
}

/** Signs in at users-api: for the REST APIs, or, naming the gateway's resource, for the gateway. */
async function login(username: string, password: string, resource?: string): Promise<Tokens> {
  const res = await fetch(`${usersApi}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, resource }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Tokens;
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

/** An account with a token for each door: `token` for the REST APIs, `mcpToken` for the gateway. */
interface Account {
  id: number;
  username: string;
  password: string;
  token: string;
  mcpToken: string;
}

async function account(role: Role, name: string): Promise<Account> {
  const password = 'Cross1234';
  const user = await gateway.app.get(UsersService).create(systemActor('test setup'), { email: `${name}@example.com`, username: name, password }, role);
  const [rest, mcp] = [await login(name, password), await login(name, password, audienceOf(gateway))];
  return { id: user.id, username: name, password, token: rest.access_token, mcpToken: mcp.access_token };
}

describe('REST and MCP over one platform', () => {
  let admin: Account;
  let agent: Client;
  beforeAll(async () => {
    admin = await account('admin', 'cross-admin');
    agent = await connectAs(gateway.url, admin.mcpToken);
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
    const client = await connectAs(gateway.url, guest.mcpToken);
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
    const client = await connectAs(gateway.url, user.mcpToken);
    await client.callTool({ name: 'whoami', arguments: {} });
    const res = await fetch(`${usersApi}/api/v1/users/${user.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
    expect(res.status).toBe(204);
    await expect(client.callTool({ name: 'whoami', arguments: {} })).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/no longer valid/) });
    await client.close();
  });
});

describe('a token for each door, good at that door only', () => {
  const initialize = {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  };
  const atGateway = (token: string) =>
    fetch(`${gateway.url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify(initialize),
    });
  const refusal = async (res: Response) => ({ status: res.status, detail: ((await res.json()) as { detail?: string }).detail });
  const ANOTHER_SERVICE = { status: 401, detail: 'The access token was issued for another service' };

  it("gives a sign-in naming the gateway's resource a token the gateway takes and the REST APIs refuse, and the reverse", async () => {
    const owner = await account('admin', 'cross-doors');
    expect((await atGateway(owner.mcpToken)).status).toBe(200);
    expect(await refusal(await atGateway(owner.token))).toEqual(ANOTHER_SERVICE);

    const asGateway = { 'content-type': 'application/json', authorization: `Bearer ${owner.mcpToken}` };
    const me = await fetch(`${usersApi}/api/v1/users/me`, { headers: asGateway });
    expect(await refusal(me)).toEqual(ANOTHER_SERVICE);
    const create = await fetch(`${productsApi}/api/v1/products`, { method: 'POST', headers: asGateway, body: JSON.stringify({ name: 'Replayed', price: 1 }) });
    expect(await refusal(create)).toEqual(ANOTHER_SERVICE);
    expect((await fetch(`${usersApi}/api/v1/users/me`, { headers: { authorization: `Bearer ${owner.token}` } })).status).toBe(200);
  });

  it('keeps a gateway session for the gateway when it is refreshed', async () => {
    const owner = await account('user', 'cross-refresh');
    let tokens = await login(owner.username, owner.password, audienceOf(gateway));
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${usersApi}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ refresh_token: tokens.refresh_token }),
      });
      expect(res.status).toBe(200);
      tokens = (await res.json()) as Tokens;
      expect((await atGateway(tokens.access_token)).status).toBe(200);
      expect(await refusal(await fetch(`${usersApi}/api/v1/users/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } }))).toEqual(
        ANOTHER_SERVICE,
      );
    }
  });
});
