import { SentimentService } from '@mercato/core';
import { freePort } from '@mercato/data';
import { McpClientPool } from '@mercato/mcp';
import { actingUser, sampleOf, startTestApp, type TestApp } from '@mercato/testing';
import { AiController } from '../src/ai/ai.controller';
import { McpGatewayModule } from '../src/mcp-gateway.module';

let gateway: TestApp;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule);
}, 60_000);
afterAll(() => gateway.close(), 30_000);

/** Words that would tell a client more than it should know about what broke. */
const INTERNAL_TEXT = /ECONNREFUSED|fetch failed|lexicon|\/srv\/|Streamable HTTP|stack/i;

describe('POST /api/v1/ai/sentiment (REST through a pooled MCP client)', () => {
  it('answers with the analyze_sentiment tool result, for many callers over reused sessions', async () => {
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

  it('reuses its pooled sessions: once they are open, each REST call is a single request to /mcp', async () => {
    const u = await actingUser(gateway);
    const analyze = () => gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'Sturdy and cheap' }).expect(200);
    const mcpPosts = async () =>
      sampleOf((await gateway.http.get('/metrics').expect(200)).text, 'http_request_duration_seconds_count', { method: 'POST', route: '/mcp' }) ?? 0;
    // Twice the pool's size (4, in ai.controller.ts): every pooled session is open afterwards.
    for (let i = 0; i < 8; i++) await analyze();
    const before = await mcpPosts();
    for (let i = 0; i < 10; i++) await analyze();
    // A session per call would add an initialize and an initialized notification to every tools/call.
    expect((await mcpPosts()) - before).toBe(10);
  });

  it('refuses bad input and missing tokens like every other route', async () => {
    const u = await actingUser(gateway);
    const bad = await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: '', language: 'de' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['language', 'text']);
    await gateway.http.post('/api/v1/ai/sentiment').send({ text: 'hi' }).expect(401);
  });
});

describe('POST /api/v1/ai/sentiment when the tool behind it fails', () => {
  afterEach(() => jest.restoreAllMocks());

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

  it('answers 503 when the MCP endpoint the pool talks to is unreachable, and recovers once it is back', async () => {
    const controller = gateway.app.get(AiController);
    const working = Reflect.get(controller, 'pool') as McpClientPool | undefined;
    // The route's pool, pointed at a port nobody listens on: the MCP server it calls is down.
    const dead = new McpClientPool(new URL(`http://127.0.0.1:${await freePort()}/mcp`), 1);
    Reflect.set(controller, 'pool', dead);
    try {
      const res = await analyze(503);
      expect(res.body).toMatchObject({ type: '/problems/service-unavailable', status: 503 });
    } finally {
      Reflect.set(controller, 'pool', working);
      await dead.close();
    }
    const u = await actingUser(gateway);
    await gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'A fine mug' }).expect(200);
  });

  it('reaches its own /mcp when it listens on every interface, as in a container', async () => {
    const everywhere = await startTestApp(McpGatewayModule, { host: '::' });
    try {
      const u = await actingUser(everywhere);
      const res = await everywhere.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: 'Lovely and sturdy' }).expect(200);
      expect(res.body).toMatchObject({ sentiment: 'positive' });
    } finally {
      await everywhere.close();
    }
  });
});
