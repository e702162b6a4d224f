import { UsersRepository } from '@mercato/core';
import { actingUser, freshToken, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { connectAs, newAgent } from './mcp-client';

let gateway: TestApp;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule, { env: { PUBLIC_URL: 'http://mcp.test:3003', AUTHORIZATION_SERVER_URL: 'http://auth.test:3001' } });
}, 60_000);
afterAll(() => gateway.close(), 30_000);

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

describe('the /mcp endpoint', () => {
  it('refuses requests without a token with 401 and points to the protected resource metadata', async () => {
    const challenge = 'Bearer resource_metadata="http://mcp.test:3003/.well-known/oauth-protected-resource"';
    const missing = await gateway.http.post('/mcp').set('accept', 'application/json, text/event-stream').send(initialize).expect(401);
    expect(missing.headers['www-authenticate']).toBe(challenge);
    const forged = await gateway.http.post('/mcp').set('Authorization', 'Bearer not-a-token').send(initialize).expect(401);
    expect(forged.headers['www-authenticate']).toBe(challenge);
    expect(forged.body).toMatchObject({ type: '/problems/unauthenticated', status: 401 });
  });

  it('publishes RFC 9728 metadata naming users-api as the authorization server', async () => {
    const res = await gateway.http.get('/.well-known/oauth-protected-resource').expect(200);
    expect(res.body).toMatchObject({
      resource: 'http://mcp.test:3003/mcp',
      authorization_servers: ['http://auth.test:3001'],
      bearer_methods_supported: ['header'],
    });
  });

  it("accepts only tokens for the resource its metadata names, refusing REST tokens and other gateways' alike", async () => {
    const post = (token: string) =>
      gateway.http.post('/mcp').set('Authorization', `Bearer ${token}`).set('accept', 'application/json, text/event-stream').send(initialize);
    const mine = await actingUser(gateway, 'user', { audience: 'http://mcp.test:3003/mcp' });
    await post(mine.token).expect(200);
    for (const audience of ['mercato', 'http://localhost:3003/mcp', 'http://mcp.test:3003']) {
      const { token } = await freshToken(gateway, mine.id, { audience });
      const refused = await post(token).expect(401);
      expect(refused.body).toMatchObject({ type: '/problems/unauthenticated', detail: 'The access token was issued for another service' });
      expect(refused.headers['www-authenticate']).toBe('Bearer resource_metadata="http://mcp.test:3003/.well-known/oauth-protected-resource"');
    }
  });

  it('refuses browser origins outside the allow-list and accepts listed ones', async () => {
    const u = await actingUser(gateway);
    const post = (origin: string) =>
      gateway.http.post('/mcp').set(u.auth).set('Origin', origin).set('accept', 'application/json, text/event-stream').send(initialize);
    await post('http://evil.example').expect(403);
    await post('http://localhost:6274').expect(200);
  });

  it('refuses a request naming a Host outside the allow-list with 403 before authenticating or reading it', async () => {
    const u = await actingUser(gateway);
    const post = (host: string) =>
      gateway.http.post('/mcp').set(u.auth).set('Host', host).set('accept', 'application/json, text/event-stream').send(initialize);
    for (const host of ['evil.example.com', 'evil.example.com:3003', 'evil.example.com@localhost', 'localhost.evil.example.com']) {
      const refused = await post(host).expect(403);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: '/problems/forbidden', status: 403 });
      expect(refused.body.jsonrpc).toBeUndefined();
    }
    // Refused before the token is even looked at: a rebinding page has none, and gets no 401 challenge either.
    await gateway.http.post('/mcp').set('Host', 'evil.example.com').send(initialize).expect(403);
    // Loopback names on any port, and the host of PUBLIC_URL (mcp.test here), are served.
    for (const host of ['localhost:6274', '127.0.0.1', '[::1]:3003', 'mcp.test', 'MCP.test:3003']) await post(host).expect(200);
  });

  it('refuses a JSON-RPC batch with a JSON-RPC error and 400, running none of its messages', async () => {
    const admin = await newAgent(gateway, 'admin');
    const name = `Batch Lamp ${Date.now()}`;
    const batch = [
      { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'create_product', arguments: { name, price: 10, stock: 1 } } },
      { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    ];
    const res = await gateway.http
      .post('/mcp')
      .set(admin.me.auth)
      .set('accept', 'application/json, text/event-stream')
      .set('mcp-protocol-version', '2025-06-18')
      .send(batch)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32600, message: expect.stringMatching(/batch/i) } });
    const found = await admin.client.callTool({ name: 'search_products', arguments: { search: name } });
    expect(found.structuredContent).toMatchObject({ total: 0 });
    await admin.client.close();
  });

  it('answers GET and DELETE with 405, as a stateless server', async () => {
    const u = await actingUser(gateway);
    const res = await gateway.http.get('/mcp').set(u.auth).expect(405);
    expect(res.headers['allow']).toBe('POST');
    await gateway.http.delete('/mcp').set(u.auth).expect(405);
  });

  it("stops a deactivated user's token at once", async () => {
    const u = await actingUser(gateway, 'user');
    const client = await connectAs(gateway.url, u.token);
    await client.listTools();
    expect(await gateway.app.get(UsersRepository).deactivateKeepingAnAdmin(u.id)).toBe('done');
    // The SDK surfaces the HTTP status as `code` and the problem's detail in the message.
    await expect(client.listTools()).rejects.toMatchObject({ code: 401, message: expect.stringMatching(/no longer valid/) });
    await client.close();
  });

  it('refuses a body over the 1 MiB limit with a 413 problem, not a 500', async () => {
    const u = await actingUser(gateway);
    const oversized = { ...initialize, params: { ...initialize.params, clientInfo: { name: 'x'.repeat(1_100_000), version: '1' } } };
    const res = await gateway.http.post('/mcp').set(u.auth).set('accept', 'application/json, text/event-stream').send(oversized).expect(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: '/problems/payload-too-large', status: 413, detail: expect.any(String) });
  });

  it('serves every request statelessly: no session id is issued', async () => {
    const u = await actingUser(gateway);
    const res = await gateway.http.post('/mcp').set(u.auth).set('accept', 'application/json, text/event-stream').send(initialize).expect(200);
    expect(res.headers['mcp-session-id']).toBeUndefined();
    expect(res.body.result.serverInfo).toMatchObject({ name: 'mercato' });
  });
});

describe('per-account rate limit', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp(McpGatewayModule, { env: { MCP_REQUESTS_PER_MINUTE: '3' } });
  }, 60_000);
  afterAll(() => limited.close(), 30_000);

  it('refuses an account past its budget with 429 and Retry-After, even with a fresh token, leaving other accounts alone', async () => {
    const [a, b] = [await actingUser(limited), await actingUser(limited)];
    const call = (auth: ActingUser['auth']) => limited.http.post('/mcp').set(auth).set('accept', 'application/json, text/event-stream').send(initialize);
    for (let i = 0; i < 3; i++) await call(a.auth).expect(200);
    const refused = await call(a.auth).expect(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body.type).toBe('/problems/too-many-requests');
    // A new token for the same account (what /auth/refresh hands out) does not start a new budget.
    const renewed = await freshToken(limited, a.id);
    expect(renewed.token).not.toBe(a.token);
    await call(renewed.auth).expect(429);
    await call(b.auth).expect(200);
  });
});
