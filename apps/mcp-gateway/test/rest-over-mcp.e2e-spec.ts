import { actingUser, sampleOf, startTestApp, type TestApp } from '@mercato/testing';
import { McpGatewayModule } from '../src/mcp-gateway.module';

let gateway: TestApp;
beforeAll(async () => {
  gateway = await startTestApp(McpGatewayModule);
});
afterAll(() => gateway.close());

describe('POST /api/v1/ai/sentiment (REST through a pooled MCP client)', () => {
  it('answers with the analyze_sentiment tool result, for many callers over reused sessions', async () => {
    const users = await Promise.all([1, 2, 3, 4, 5, 6].map(() => actingUser(gateway)));
    const results = await Promise.all(
      users.map((u, i) => gateway.http.post('/api/v1/ai/sentiment').set(u.auth).send({ text: i % 2 ? 'I love it, excellent' : 'Awful, it broke' }).expect(200)),
    );
    results.forEach((r, i) => expect(r.body).toMatchObject({ sentiment: i % 2 ? 'positive' : 'negative', language: 'en', score: expect.any(Number), confidence: expect.any(Number) }));
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
