import { ERROR_CATALOGUE, isErrorCode } from '@mercato/core';
import { documentedOperations, operationsOf, startTestApp, type OperationToken, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
});
afterAll(() => api.close());

describe('platform endpoints', () => {
  it('GET / names the service and links its docs', async () => {
    const res = await api.http.get('/').expect(200);
    expect(res.body).toEqual({ name: 'users-api', version: expect.stringMatching(/^\d+\.\d+\.\d+/), docs: '/docs', openapi: '/docs-json', health: '/health' });
  });

  it('GET /health, /health/live and /health/ready report the service and its database', async () => {
    await api.http
      .get('/health')
      .expect(200)
      .expect((r) => expect(r.body).toEqual({ status: 'ok', version: expect.any(String) }));
    await api.http
      .get('/health/live')
      .expect(200)
      .expect((r) => expect(r.body.status).toBe('ok'));
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
    expect(ready.body.info.redis).toMatchObject({ status: 'up', mode: process.env['REDIS_URL'] ? 'connected' : 'disabled' });
  });

  it('echoes a safe X-Request-Id, makes one otherwise, and reports X-Process-Time', async () => {
    const given = await api.http.get('/health').set('X-Request-Id', 'trace-123').expect(200);
    expect(given.headers['x-request-id']).toBe('trace-123');
    const made = await api.http.get('/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(Number(made.headers['x-process-time'])).toBeGreaterThanOrEqual(0);
  });

  it('answers CORS preflights for browser frontends', async () => {
    const res = await api.http
      .options('/api/v1/users/me')
      .set('Origin', 'https://shop.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization');
    expect(res.status).toBeLessThan(300);
    expect(res.headers['access-control-allow-origin']).toBe('https://shop.example');
  });

  it('answers unknown routes and wrong content types with problems', async () => {
    const missing = await api.http.get('/api/v1/nothing-here').expect(404);
    expect(missing.headers['content-type']).toMatch(/problem\+json/);
    await api.http.post('/api/v1/users').set('content-type', 'application/xml').send('<a/>').expect(415);
    await api.http.post('/api/v1/users').set('content-type', 'text/plain').send('hi').expect(400);
    await api.http
      .post('/api/v1/users')
      .send({ email: 'x'.repeat(2_000_000) })
      .expect(413);
  });

  it('answers the HTTP layer’s own refusals with codes from the error catalogue, at their catalogued status and title', async () => {
    const css = () => api.http.get('/docs/swagger-ui.css');
    const json = () => api.http.post('/api/v1/auth/login').set('content-type', 'application/json');
    const refusals = [
      api.http.get('/api/v1/nothing-here'),
      json().send('{"username": '),
      json().send(''),
      api.http.post('/api/v1/users').set('content-type', 'application/xml').send('<a/>'),
      api.http.post('/api/v1/users').send({ email: 'x'.repeat(2_000_000) }),
      css().set('Range', 'bytes=99999999-'),
      css().set('If-Match', '"stale"'),
    ];
    const codes: string[] = [];
    for (const refusal of refusals) {
      const res = await refusal;
      const code: unknown = String(res.body.type).replace(/^\/problems\//, '');
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      if (!isErrorCode(code)) throw new Error(`${res.body.type} is not in the error catalogue`);
      expect({ status: res.status, title: res.body.title }).toEqual({ status: ERROR_CATALOGUE[code].status, title: ERROR_CATALOGUE[code].title });
      codes.push(code);
    }
    expect(codes).toEqual([
      'not-found',
      'bad-request',
      'bad-request',
      'unsupported-media-type',
      'payload-too-large',
      'requested-range-not-satisfiable',
      'precondition-failed',
    ]);
  });
});

describe('OpenAPI', () => {
  it('serves Swagger UI and a document describing bodies, problem responses and the bearer scheme', async () => {
    await api.http.get('/docs').expect((r) => expect([200, 301, 302]).toContain(r.status));
    const { body: doc } = await api.http.get('/docs-json').expect(200);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/users'].post.responses['409'].content['application/problem+json']).toBeDefined();
    expect(doc.components.schemas.CreateUserDto).toMatchObject({
      required: ['email', 'username', 'password'],
      properties: { username: { minLength: 3, maxLength: 50, pattern: '^[A-Za-z0-9_.-]+$' }, password: { minLength: 8 } },
    });
    const listParams = doc.paths['/api/v1/users'].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(['skip', 'limit', 'role', 'is_active', 'search']));
    expect(doc.components.schemas.UserView.properties).not.toHaveProperty('password_hash');
  });

  it('lists every operation with its statuses and whether it needs a bearer token', async () => {
    const { body: doc } = await api.http.get('/docs-json').expect(200);
    expect(documentedOperations(doc)).toEqual(OPERATIONS);
  });

  it('documents what the guard enforces: bearer operations refuse an anonymous call with 401, the others do not', async () => {
    const call = api.http as unknown as Record<string, (url: string) => Promise<{ status: number }>>;
    for (const [key, [, token]] of Object.entries(OPERATIONS)) {
      const [method, path] = key.split(' ');
      const res = await call[method.toLowerCase()](path.replace('{id}', '1'));
      expect({ key, refused: res.status === 401 }).toEqual({ key, refused: token === 'bearer' });
    }
  });

  it('documents 503 on every API operation as a retryable problem', async () => {
    const { body: doc } = await api.http.get('/docs-json').expect(200);
    for (const [key, op] of operationsOf(doc).filter(([key]) => key.includes(' /api/'))) {
      expect({ key, unavailable: op.responses['503'] }).toMatchObject({
        key,
        unavailable: { headers: { 'Retry-After': { schema: { type: 'integer' } } }, content: { 'application/problem+json': expect.anything() } },
      });
    }
  });
});

/** Every operation the document must hold, with its statuses and token: a route added or changed without its docs fails. */
const OPERATIONS: Record<string, [statuses: number[], token: OperationToken]> = {
  'POST /api/v1/auth/login': [[200, 400, 401, 429, 503], 'none'],
  'POST /api/v1/auth/refresh': [[200, 400, 401, 503], 'none'],
  'POST /api/v1/auth/logout': [[204, 400, 503], 'none'],
  'POST /api/v1/users': [[201, 400, 409, 429, 503], 'none'],
  'GET /api/v1/users': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /api/v1/users/me': [[200, 401, 403, 503], 'bearer'],
  'GET /api/v1/users/{id}': [[200, 400, 401, 403, 404, 503], 'bearer'],
  'PUT /api/v1/users/{id}': [[200, 400, 401, 403, 404, 409, 429, 503], 'bearer'],
  'DELETE /api/v1/users/{id}': [[204, 400, 401, 403, 404, 503], 'bearer'],
  'PATCH /api/v1/users/{id}/role': [[200, 400, 401, 403, 404, 503], 'bearer'],
  'GET /api/v1/users/me/connections': [[200, 401, 403, 503], 'bearer'],
  'DELETE /api/v1/users/me/connections/{client_id}': [[204, 400, 401, 403, 404, 503], 'bearer'],
  'GET /api/v1/users/me/agent-limit': [[200, 401, 403, 503], 'bearer'],
  'PUT /api/v1/users/me/agent-limit': [[200, 400, 401, 403, 503], 'bearer'],
  'GET /.well-known/jwks.json': [[200], 'none'],
  'GET /': [[200], 'none'],
  'GET /health': [[200], 'none'],
  'GET /health/live': [[200], 'none'],
  'GET /health/ready': [[200, 503], 'none'],
  'GET /metrics': [[200], 'none'],
};
