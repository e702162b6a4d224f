import { signedInUser, startTestApp, type SignedInUser, type TestApp } from '@mercato/testing';
import * as jwt from 'jsonwebtoken';
import { UsersApiModule } from '../src/users-api.module';

/** The MCP gateway's resource URL, as this users-api is told it (MCP_RESOURCE_URL). */
const GATEWAY = 'https://shop.example/mcp';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule, { env: { MCP_RESOURCE_URL: GATEWAY, LOGIN_MAX_FAILURES: '3' } });
});
afterAll(() => api.close());

const login = (body: object) => api.http.post('/api/v1/auth/login').send(body);
const loginForm = (body: object) =>
  api.http
    .post('/api/v1/auth/login')
    .type('form')
    .send({ grant_type: 'password', ...body });
const refresh = (refreshToken: string) => api.http.post('/api/v1/auth/refresh').send({ refresh_token: refreshToken }).expect(200);
const me = (token: string) => api.http.get('/api/v1/users/me').set('Authorization', `Bearer ${token}`);
const audienceOf = (token: string) => (jwt.decode(token) as { aud: string }).aud;
const credentials = (u: SignedInUser) => ({ username: u.username, password: u.password });

interface Tokens {
  access_token: string;
  refresh_token: string;
}

describe('signing in for the MCP gateway (RFC 8707 resource)', () => {
  it("gives a sign-in naming the gateway's resource, as JSON or as the OAuth2 form, a token for the gateway that users-api refuses", async () => {
    const u = await signedInUser(api);
    expect(audienceOf(u.token)).toBe('mercato');
    const json = await login({ ...credentials(u), resource: GATEWAY }).expect(200);
    const form = await loginForm({ ...credentials(u), resource: GATEWAY }).expect(200);
    for (const { body } of [json, form]) {
      expect(body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 900, refresh_token: expect.any(String) });
      expect(jwt.decode(body.access_token)).toMatchObject({ sub: String(u.id), iss: 'http://localhost:3001', aud: GATEWAY });
      const refused = await me(body.access_token).expect(401);
      expect(refused.body).toMatchObject({ type: '/problems/unauthenticated', detail: 'The access token was issued for another service' });
    }
    await me(u.token).expect(200);
  });

  it('refuses any other resource with 400 naming the field, before a password guess is counted', async () => {
    const u = await signedInUser(api);
    const others = ['https://evil.example/mcp', `${GATEWAY}/`, 'https://shop.example', 'http://localhost:3002/api/v1/products', 'mercato', ''];
    for (const resource of others) {
      for (const send of [login, loginForm]) {
        const res = await send({ username: u.username, password: 'Wrong1Pass', resource }).expect(400);
        expect(res.body).toMatchObject({
          type: '/problems/validation-failed',
          errors: [{ field: 'resource', rule: 'invalidTarget', message: expect.stringContaining(GATEWAY) }],
        });
      }
    }
    // A dozen wrong passwords went with those, and the budget is 3: none was counted.
    await login(credentials(u)).expect(200);
  });

  it('keeps each session for the service it signed in for, through every rotation', async () => {
    const u = await signedInUser(api);
    let gateway: Tokens = (await login({ ...credentials(u), resource: GATEWAY }).expect(200)).body;
    let rest: Tokens = { access_token: u.token, refresh_token: u.refreshToken };
    for (let i = 0; i < 2; i++) {
      gateway = (await refresh(gateway.refresh_token)).body;
      rest = (await refresh(rest.refresh_token)).body;
      expect([audienceOf(gateway.access_token), audienceOf(rest.access_token)]).toEqual([GATEWAY, 'mercato']);
      await me(gateway.access_token).expect(401);
      await me(rest.access_token).expect(200);
    }
  });
});
