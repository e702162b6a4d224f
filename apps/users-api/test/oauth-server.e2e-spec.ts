import { createHash, randomBytes } from 'node:crypto';
import { startTestApp, type TestApp } from '@mercato/testing';
import { UsersApiModule } from '../src/users-api.module';

let api: TestApp;
beforeAll(async () => {
  api = await startTestApp(UsersApiModule);
});
afterAll(() => api.close());

const ISSUER = 'http://localhost:3001';
const RESOURCE = 'http://localhost:3003/mcp';
const register = (metadata: object) => api.http.post('/oauth/register').send(metadata);
const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

describe('authorization server metadata', () => {
  it.each(['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])('serves RFC 8414 metadata at %s', async (path) => {
    const { body } = await api.http.get(path).expect(200);
    // Endpoints are named from the address the client used; the issuer is the configured identifier.
    const base = api.url.replace('[::1]', 'localhost');
    expect(body).toMatchObject({
      issuer: ISSUER,
      authorization_endpoint: `${base}/oauth/authorize`,
      token_endpoint: `${base}/oauth/token`,
      registration_endpoint: `${base}/oauth/register`,
      revocation_endpoint: `${base}/oauth/revoke`,
      jwks_uri: `${base}/oauth/jwks`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      authorization_response_iss_parameter_supported: true,
    });
    expect(body.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token']));
    expect(body.token_endpoint_auth_methods_supported).toContain('none');
    expect(body.scopes_supported).toEqual(expect.arrayContaining(['users:read', 'users:write', 'catalog:read', 'catalog:write']));
  });
});

describe('dynamic client registration', () => {
  it('registers a public client with a loopback http or an https redirect URI', async () => {
    for (const redirect of ['http://127.0.0.1:53682/callback', 'http://localhost:9/cb', 'https://app.example/cb']) {
      const { body } = await register({ client_name: 'Desk', redirect_uris: [redirect], token_endpoint_auth_method: 'none' }).expect(201);
      expect(body).toMatchObject({ client_name: 'Desk', redirect_uris: [redirect], token_endpoint_auth_method: 'none' });
      expect(body.client_secret).toBeUndefined();
    }
  });

  it('refuses plain http across a network and other schemes', async () => {
    for (const redirect of ['http://app.example/cb', 'http://10.0.0.5/cb', 'javascript:alert(1)', 'ftp://x/cb']) {
      const { body } = await register({ client_name: 'Bad', redirect_uris: [redirect], token_endpoint_auth_method: 'none' }).expect(400);
      expect(body.error).toMatch(/invalid_redirect_uri|invalid_client_metadata/);
    }
  });
});

describe('authorization requests', () => {
  let clientId: string;
  const redirect = 'http://127.0.0.1:53682/callback';
  beforeAll(async () => {
    clientId = (await register({ client_name: 'Flow', redirect_uris: [redirect], token_endpoint_auth_method: 'none' }).expect(201)).body.client_id;
  });
  const authorize = (params: Record<string, string>) =>
    api.http.get('/oauth/authorize').query({ response_type: 'code', client_id: clientId, redirect_uri: redirect, state: 's1', ...params });

  it('sends a valid request to the sign-in page', async () => {
    const res = await authorize({ code_challenge: pkce().challenge, code_challenge_method: 'S256', resource: RESOURCE, scope: 'catalog:read' }).expect(303);
    expect(res.headers['location']).toMatch(/^\/oauth\/interaction\/[\w-]+$/);
    const page = await api.http.get(res.headers['location']).set('cookie', res.headers['set-cookie']).expect(200);
    expect(page.text).toContain('Sign in to Mercato');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it('refuses a missing challenge and the plain method, back to the client as errors', async () => {
    const missing = await authorize({ resource: RESOURCE }).expect(303);
    expect(new URL(missing.headers['location']).searchParams.get('error')).toBe('invalid_request');
    const plain = await authorize({ code_challenge: 'a'.repeat(43), code_challenge_method: 'plain', resource: RESOURCE }).expect(303);
    expect(new URL(plain.headers['location']).searchParams.get('error')).toBe('invalid_request');
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect URI', async () => {
    const challenge = pkce().challenge;
    const unknown = await authorize({ client_id: 'nobody', code_challenge: challenge, code_challenge_method: 'S256' }).expect(400);
    expect(unknown.headers['location']).toBeUndefined();
    expect(unknown.text).toContain('This sign-in cannot continue');
    const elsewhere = await authorize({ redirect_uri: 'https://evil.example/cb', code_challenge: challenge, code_challenge_method: 'S256' }).expect(400);
    expect(elsewhere.headers['location']).toBeUndefined();
  });

  it('refuses a resource other than the MCP gateway', async () => {
    const res = await authorize({ code_challenge: pkce().challenge, code_challenge_method: 'S256', resource: 'https://elsewhere.example/api' }).expect(303);
    expect(new URL(res.headers['location']).searchParams.get('error')).toBe('invalid_target');
  });
});
