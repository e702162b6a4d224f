import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { ForbiddenError, SentimentService, ValidationError } from '@mercato/core';
import { actingUser, sampleOf, startTestApp, type ActingUser, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';
import { McpServerFactory } from '../src/mcp/mcp-server.factory';

let gateway: TestApp;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule);
}, 60_000);
afterAll(() => gateway.close(), 30_000);
afterEach(() => jest.restoreAllMocks());

/** Words that would tell a client more than it should know about what broke. */
const INTERNAL_TEXT = /ECONNREFUSED|fetch failed|lexicon|\/srv\/|Streamable HTTP|stack/i;

const initialize = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'rest-over-mcp-tests', version: '1.0.0' } },
};

/** The MCP servers the route builds while a test runs, each as it was handed to the in-process client. */
function serversBuilt(): Server[] {
  const factory = gateway.app.get(McpServerFactory);
  const built: Server[] = [];
  const create = factory.create.bind(factory);
  jest.spyOn(factory, 'create').mockImplementation((caller) => {
    const server = create(caller);
    built.push(server);
    return server;
  });
  return built;
}

describe('POST /api/v1/ai/sentiment (REST through the MCP server, in process)', () => {
  it('answers with the analyze_sentiment tool result, for many callers at once', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6].map(() => actingUser(gateway)));
    const results = await Promise.all(
      users.map((u, i) =>
        gateway.http
          .post('/api/v1/ai/sentiment')
          .set(u.auth)
          .send({ text: i % 2 ? 'I love it, excellent' : 'Awful, it broke' })
          .expect(200),
      ),
    );
    results.forEach((r, i) =>
      expect(r.body).toMatchObject({ sentiment: i % 2 ? 'positive' : 'negative', language: 'en', score: expect.any(Number), confidence: expect.any(Number) }),
    );
    const es = await gateway.http.post('/api/v1/ai/sentiment').set(users[0].auth).send({ text: 'Me encanta, muy buena calidad', language: 'es' }).expect(200);
    expect(es.body).toMatchObject({ sentiment: 'positive', language: 'es' });
  });

  it('never sends the caller’s token on: /mcp sees no request, no fetch is made, and no MCP message carries it', async () => {
    const u = await actingUser(gateway);
    const mcpPosts = async () =>
      sampleOf((await gateway.http.get('/metrics').expect(200)).text, 'http_request_duration_seconds_count', { method: 'POST', route: '/mcp' }) ?? 0;
    // The counter does see a real request to /mcp, so its standing still below means something.
    const control = await mcpPosts();
    await gateway.http.post('/mcp').set(u.auth).set('accept', 'application/json, text/event-stream').send(initialize).expect(200);
    expect((await mcpPosts()) - control).toBe(1);

    const before = await mcpPosts();
    const fetches = jest.spyOn(globalThis, 'fetch');
    const messages = jest.spyOn(InMemoryTransport.prototype, 'send');
    const built = serversBuilt();
    for (let i = 0; i < 3; i++) {
      const res = await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'Sturdy and cheap, I love it' }).expect(200);
      expect(res.body).toMatchObject({ sentiment: 'positive' });
    }
    expect((await mcpPosts()) - before).toBe(0);
    expect(fetches).not.toHaveBeenCalled();
    // The tool ran over the MCP protocol, in memory, for the account the guard verified, and nothing said carried the token.
    const sent = messages.mock.calls.map(([message]) => JSON.stringify(message));
    expect(sent.filter((m) => m.includes('"method":"tools/call"') && m.includes('analyze_sentiment'))).toHaveLength(3);
    expect(sent.some((m) => m.includes(u.token))).toBe(false);
    expect(built).toHaveLength(3);
  });

  it('refuses bad input and missing tokens like every other route, with the same problem bodies, before any MCP server is built', async () => {
    const built = serversBuilt();
    const u = await actingUser(gateway);
    const bad = await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: '', language: 'de' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['language', 'text']);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(bad.body).toEqual({
      type: '/problems/validation-failed',
      title: 'Your request is not valid',
      status: 400,
      detail: 'text: text must be longer than or equal to 1 characters; language: language must be one of the following values: en, es',
      errors: [
        { field: 'text', rule: 'minLength', message: 'text must be longer than or equal to 1 characters' },
        { field: 'language', rule: 'isIn', message: 'language must be one of the following values: en, es' },
      ],
      instance: '/api/v1/ai/sentiment',
    });
    const anonymous = await gateway.http.post('/api/v1/ai/sentiment').send({ text: 'hi' }).expect(401);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Bearer resource_metadata="[^"]+\/\.well-known\/oauth-protected-resource"$/);
    expect(anonymous.body).toEqual({
      type: '/problems/unauthenticated',
      title: 'Authentication required',
      status: 401,
      detail: 'An access token is required (Authorization: Bearer …)',
      instance: '/api/v1/ai/sentiment',
    });
    const forged = await gateway.http.post('/api/v1/ai/sentiment').set({ Authorization: 'Bearer not-a-token' }).send({ text: 'hi' }).expect(401);
    expect(forged.body).toMatchObject({ type: '/problems/unauthenticated', detail: 'The access token is not valid' });
    expect(built).toHaveLength(0);
  });
});

describe('POST /api/v1/ai/sentiment when the tool behind it fails', () => {
  const analyze = async (expected: number) => {
    const u = await actingUser(gateway);
    const res = await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(expected);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toContain(res.headers['x-request-id']);
    expect(JSON.stringify(res.body)).not.toMatch(INTERNAL_TEXT);
    return res;
  };

  it('answers 502 upstream-failed, not 400, when the tool fails unexpectedly', async () => {
    jest.spyOn(gateway.app.get(SentimentService), 'analyze').mockRejectedValue(new Error('lexicon file /srv/afinn.json is corrupt'));
    const res = await analyze(502);
    expect(res.body).toMatchObject({ type: '/problems/upstream-failed', status: 502 });
  });

  it('answers 503 with Retry-After when the tool cannot reach a dependency', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.9:5432'), { code: 'ECONNREFUSED' });
    jest.spyOn(gateway.app.get(SentimentService), 'analyze').mockRejectedValue(refused);
    const res = await analyze(503);
    expect(res.body).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('passes on the tool’s own refusal as the problem REST would send for it', async () => {
    const invalid = new ValidationError([{ field: 'text', rule: 'isReadable', message: 'text must be written in words' }]);
    jest
      .spyOn(gateway.app.get(SentimentService), 'analyze')
      .mockRejectedValueOnce(new ForbiddenError('Sentiment analysis is not available to this account'))
      .mockRejectedValueOnce(invalid);
    const u = await actingUser(gateway);
    const forbidden = await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(403);
    expect(forbidden.body).toEqual({
      type: '/problems/forbidden',
      title: 'Not allowed',
      status: 403,
      detail: 'Sentiment analysis is not available to this account',
      instance: '/api/v1/ai/sentiment',
    });
    const refused = await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(400);
    expect(refused.body).toMatchObject({ type: '/problems/validation-failed', status: 400, errors: invalid.errors });
  });

  it('answers 502 with only a reference when the MCP exchange around the tool fails, and recovers on the next call', async () => {
    const factory = gateway.app.get(McpServerFactory);
    const create = factory.create.bind(factory);
    jest.spyOn(factory, 'create').mockImplementationOnce((caller) => {
      const server = create(caller);
      // A handler that throws answers a JSON-RPC error whose message is the raw text: it must stop at the route.
      server.setRequestHandler(CallToolRequestSchema, () => {
        throw new Error('lexicon file /srv/afinn.json is corrupt, stack: …');
      });
      return server;
    });
    const res = await analyze(502);
    expect(res.body).toMatchObject({ type: '/problems/upstream-failed', status: 502 });
    const u = await actingUser(gateway);
    await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(200);
  });

  it('closes every in-process client and server it opens, whether the call succeeds or fails', async () => {
    const built = serversBuilt();
    const u = await actingUser(gateway);
    await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(200);
    jest.spyOn(gateway.app.get(SentimentService), 'analyze').mockRejectedValueOnce(new Error('lexicon file /srv/afinn.json is corrupt'));
    await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(502);
    await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: '' }).expect(400);
    expect(built).toHaveLength(2);
    // A closed server has let go of its transport, and with it the client at the other end of the pair.
    for (const server of built) expect(server.transport).toBeUndefined();
  });
});

describe('POST /api/v1/ai/sentiment and the caller’s MCP budget', () => {
  let limited: TestApp;
  beforeAll(async () => {
    limited = await startTestApp(McpGatewayModule, { env: { MCP_REQUESTS_PER_MINUTE: '3' } });
  }, 60_000);
  afterAll(() => limited.close(), 30_000);

  const analyze = (u: ActingUser) => limited.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' });
  const mcp = (u: ActingUser) => limited.http.post('/mcp').set(u.auth).set('accept', 'application/json, text/event-stream').send(initialize);

  it('spends one request of the account’s budget per call, the same budget /mcp spends, and answers 429 past it', async () => {
    const [a, b] = [await actingUser(limited), await actingUser(limited)];
    await analyze(a).expect(200);
    await mcp(a).expect(200);
    await analyze(a).expect(200);
    const refused = await analyze(a).expect(429);
    expect(refused.body).toMatchObject({ type: '/problems/too-many-requests', status: 429 });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await mcp(a).expect(429);
    await analyze(b).expect(200);
  });
});
