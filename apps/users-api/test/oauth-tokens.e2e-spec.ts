import { signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';
import { FlowBrowser, RESOURCE } from './oauth-flow-http';

let api: TestApp;
let owner: SignedInUser;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule, { env: { LOGIN_MAX_FAILURES_PER_ACCOUNT: '3' } });
  owner = await signedInUser(api, 'user');
});
afterAll(() => api.close());

const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString()) as Record<string, unknown>;

describe('authorization code and tokens', () => {
  it('redirects back with code, state and iss, and the code buys an RFC 9068 access token for the gateway and a refresh token', async () => {
    const browser = await FlowBrowser.register(api);
    const back = await browser.authorize(owner.username, owner.password);
    expect([back.searchParams.get('state'), back.searchParams.get('iss')]).toEqual(['st', 'http://localhost:3001']);
    const { body } = await browser.exchange(back.searchParams.get('code') as string).expect(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 900 });
    expect(claimsOf(body.access_token)).toMatchObject({ iss: 'http://localhost:3001', aud: RESOURCE, sub: String(owner.id), client_id: browser.clientId });
    expect(claimsOf(body.access_token)).toEqual(expect.objectContaining({ exp: expect.any(Number), jti: expect.any(String), scope: expect.any(String) }));
    expect(body.refresh_token).toEqual(expect.any(String));
  });

  it('grants the scopes asked for, which narrow the role, and refuses to widen them at refresh', async () => {
    const browser = await FlowBrowser.register(api);
    const back = await browser.authorize(owner.username, owner.password, 'users:read');
    const { body } = await browser.exchange(back.searchParams.get('code') as string).expect(200);
    expect(claimsOf(body.access_token)['scope']).toBe('users:read');
    const wider = await browser.refresh(body.refresh_token, 'users:read catalog:write').expect(400);
    expect(wider.body.error).toBe('invalid_scope');
  });

  it('refuses a wrong code verifier', async () => {
    const browser = await FlowBrowser.register(api);
    const back = await browser.authorize(owner.username, owner.password);
    const { body } = await browser.exchange(back.searchParams.get('code') as string, 'x'.repeat(43)).expect(400);
    expect(body.error).toBe('invalid_grant');
  });

  it('uses a code once: presented again, it is refused and what it issued is revoked', async () => {
    const browser = await FlowBrowser.register(api);
    const code = (await browser.authorize(owner.username, owner.password)).searchParams.get('code') as string;
    const first = (await browser.exchange(code).expect(200)).body;
    expect((await browser.exchange(code).expect(400)).body.error).toBe('invalid_grant');
    expect((await browser.refresh(first.refresh_token).expect(400)).body.error).toBe('invalid_grant');
  });

  it('rotates the refresh token on every use, and a reused one ends the session', async () => {
    const browser = await FlowBrowser.register(api);
    const code = (await browser.authorize(owner.username, owner.password)).searchParams.get('code') as string;
    const first = (await browser.exchange(code).expect(200)).body;
    const second = (await browser.refresh(first.refresh_token).expect(200)).body;
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await browser.refresh(first.refresh_token).expect(400)).body.error).toBe('invalid_grant');
    expect((await browser.refresh(second.refresh_token).expect(400)).body.error).toBe('invalid_grant');
  });

  it('revokes a refresh token (RFC 7009)', async () => {
    const browser = await FlowBrowser.register(api);
    const code = (await browser.authorize(owner.username, owner.password)).searchParams.get('code') as string;
    const { refresh_token } = (await browser.exchange(code).expect(200)).body;
    await api.http.post('/oauth/revoke').type('form').send({ token: refresh_token, client_id: browser.clientId }).expect(200);
    expect((await browser.refresh(refresh_token).expect(400)).body.error).toBe('invalid_grant');
  });
});

describe('the sign-in and consent pages', () => {
  it('refuses a form without the page’s CSRF token', async () => {
    const browser = await FlowBrowser.register(api);
    const page = await browser.start();
    const res = await browser.signIn(page, owner.username, owner.password, 'forged');
    expect(res.status).toBe(403);
    expect(res.text).toContain('did not come from this page');
  });

  it('refuses a form posted without the browser’s interaction cookie', async () => {
    const browser = await FlowBrowser.register(api);
    const page = await browser.start();
    const csrf = await browser.csrfOf(page);
    await api.http.post(`${page}/login`).type('form').send({ csrf, username: owner.username, password: owner.password }).expect(403);
  });

  it('answers a wrong password on the page, and shares the login budgets of POST /auth/login', async () => {
    const target = await signedInUser(api, 'user');
    const browser = await FlowBrowser.register(api);
    const page = await browser.start();
    const wrong = await browser.signIn(page, target.username, 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(wrong.text).toContain('Incorrect username or password');
    for (let i = 0; i < 2; i++) await api.http.post('/api/v1/auth/login').send({ username: target.username, password: 'nope' }).expect(401);
    // The account's budget (3) is spent across both doors: even the right password now waits.
    const throttled = await browser.signIn(page, target.username, target.password);
    expect(throttled.status).toBe(429);
    expect(throttled.text).toMatch(/Too many|try again/i);
  });

  it('sends pages that cannot be framed and load nothing', async () => {
    const browser = await FlowBrowser.register(api);
    const res = await browser.agent.get(await browser.start()).expect(200);
    expect(res.headers['content-security-policy']).toMatch(/default-src 'none'.*form-action 'self' http:\/\/127\.0\.0\.1:53682.*frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.text).not.toMatch(/<script/i);
  });
});

describe('client registration limits', () => {
  it('refuses registrations past the hourly budget of one address with 429 and Retry-After', async () => {
    const limited = await startTestApp(UsersApiModule, { env: { OAUTH_REGISTRATIONS_PER_HOUR_PER_CLIENT: '2' } });
    try {
      const body = { client_name: 'Spam', redirect_uris: ['https://spam.example/cb'], token_endpoint_auth_method: 'none' };
      await limited.http.post('/oauth/register').send(body).expect(201);
      await limited.http.post('/oauth/register').send(body).expect(201);
      const refused = await limited.http.post('/oauth/register').send(body).expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
